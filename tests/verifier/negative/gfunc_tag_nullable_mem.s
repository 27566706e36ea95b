# gfunc_tag_nullable_mem.s - "arg:nullable" on a memory pointer (nullable already).
# type: xdp
# funcs: prog g_nullable
# expect: arg#0 has invalid combination of tags
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -8
call local g
mov %r0, 0
exit
g:
mov %r0, 0
exit
