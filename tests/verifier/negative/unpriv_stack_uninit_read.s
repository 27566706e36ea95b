# unpriv_stack_uninit_read.s - 8 bytes of stack read before any write.
# type: socket_filter
# mode: unpriv
# expect: invalid read from stack off -8+0 size 8
ldxdw %r0, [%r10-8]
mov %r0, 0
exit
