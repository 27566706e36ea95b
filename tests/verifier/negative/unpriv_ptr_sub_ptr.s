# unpriv_ptr_sub_ptr.s - frame pointer minus context pointer: a number
# built from two addresses.
# type: socket_filter
# mode: unpriv
# expect: R0 pointer -= pointer prohibited
mov %r0, %r10
sub %r0, %r1
mov %r0, 0
exit
