# unpriv_ptr_movsx.s - the low byte of the context pointer, sign-extended.
# type: socket_filter
# mode: unpriv
# expect: R1 sign-extension part of pointer
movsx864 %r0, %r1
mov %r0, 0
exit
