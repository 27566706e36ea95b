# gfunc_mem_no_null_check.s - the function reads its pointer argument before a NULL check.
# type: xdp
# funcs: prog g_mem
# expect: R1 invalid mem access 'mem_or_null'
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -8
call local g
mov %r0, 0
exit
g:
ldxdw %r0, [%r1+0]
exit
