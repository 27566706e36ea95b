# unpriv_leak_ptr_return.s - the context pointer returned as the verdict.
# type: socket_filter
# mode: unpriv
# expect: R0 leaks addr as return value
mov %r0, %r1
exit
