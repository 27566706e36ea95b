# unpriv_ptr_compare_const.s - the context pointer compared with 5: which
# path runs tells something of the address.
# type: socket_filter
# mode: unpriv
# expect: R1 pointer comparison prohibited
mov %r0, 0
jeq %r1, 5, out
mov %r0, 1
out:
exit
