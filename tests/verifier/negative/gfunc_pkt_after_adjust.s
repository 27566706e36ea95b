# gfunc_pkt_after_adjust.s - the global function moves the packet: the caller's packet pointers are gone.
# type: xdp
# funcs: prog g_ctx
# expect: R2 invalid mem access 'scalar'
mov %r6, %r1
ldxw %r2, [%r6+0]
ldxw %r3, [%r6+4]
mov %r4, %r2
add %r4, 1
jgt %r4, %r3, out
mov %r7, %r2
mov %r1, %r6
call local g
mov %r2, %r7
ldxb %r0, [%r2+0]
out:
mov %r0, 0
exit
g:
mov %r2, 0
call 44
mov %r0, 0
exit
