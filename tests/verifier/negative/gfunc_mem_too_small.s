# gfunc_mem_too_small.s - 8 bytes of memory argument, 4 bytes of stack given.
# type: xdp
# funcs: prog g_mem
# expect: Caller passes invalid args into func#1 ('g_mem')
stw [%r10-4], 0
mov %r1, %r10
add %r1, -4
call local g
mov %r0, 0
exit
g:
mov %r0, 0
exit
