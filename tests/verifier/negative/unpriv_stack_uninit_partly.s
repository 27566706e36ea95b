# unpriv_stack_uninit_partly.s - 8 bytes read where only the low 4 were
# written.
# type: socket_filter
# mode: unpriv
# expect: invalid read from stack off -8+4 size 8
stw [%r10-8], 1
ldxdw %r0, [%r10-8]
mov %r0, 0
exit
