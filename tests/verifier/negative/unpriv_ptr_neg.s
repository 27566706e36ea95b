# unpriv_ptr_neg.s - the frame pointer negated.
# type: socket_filter
# mode: unpriv
# expect: R0 pointer arithmetic prohibited
mov %r0, %r10
neg %r0
mov %r0, 0
exit
