# unpriv_ptr_partial_copy.s - the low 32 bits of the context pointer.
# type: socket_filter
# mode: unpriv
# expect: R1 partial copy of pointer
mov32 %r0, %r1
mov %r0, 0
exit
