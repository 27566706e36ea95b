# unpriv_ptr_compare_ptr.s - a stack pointer compared with the context.
# type: socket_filter
# mode: unpriv
# expect: R1 pointer comparison prohibited
mov %r0, 0
mov %r2, %r10
jgt %r2, %r1, out
mov %r0, 1
out:
exit
