# unpriv_ptr_sub32.s - a 32-bit subtraction on the frame pointer (privileged:
# an unknown number).
# type: socket_filter
# mode: unpriv
# expect: R0 32-bit pointer arithmetic prohibited
mov %r0, %r10
sub32 %r0, 8
mov %r0, 0
exit
