# gfunc_mem_past_size.s - the function reads past the 8 bytes its argument points to.
# type: xdp
# funcs: prog g_mem
# expect: invalid access to memory, mem_size=8 off=8 size=8
stdw [%r10-16], 0
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -16
call local g
mov %r0, 0
exit
g:
mov %r0, 0
jeq %r1, 0, out
ldxdw %r0, [%r1+8]
out:
exit
