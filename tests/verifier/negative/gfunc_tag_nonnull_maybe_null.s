# gfunc_tag_nonnull_maybe_null.s - a hash lookup's result, unchecked, for an "arg:nonnull" pointer.
# type: xdp
# funcs: prog g_nonnull
# expect: arg#0 is expected to be non-NULL
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
mov %r1, %r0
call local g
mov %r0, 0
exit
g:
ldxdw %r0, [%r1+0]
exit
