# gfunc_tag_nonnull_too_small.s - an "arg:nonnull" long * given 4 bytes of stack.
# type: xdp
# funcs: prog g_nonnull
# expect: invalid read from stack R1 off=-4 size=8
stw [%r10-4], 0
mov %r1, %r10
add %r1, -4
call local g
mov %r0, 0
exit
g:
ldxdw %r0, [%r1+0]
exit
