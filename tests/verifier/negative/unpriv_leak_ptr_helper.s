# unpriv_leak_ptr_helper.s - a stack pointer as map_update_elem's flags, a
# number argument the helper could store or return.
# type: socket_filter
# mode: unpriv
# expect: R4 leaks addr into helper function
stw [%r10-4], 0
stdw [%r10-16], 0
mov %r2, %r10
add %r2, -4
mov %r3, %r10
add %r3, -16
mov %r4, %r10
lddw %r1, map[idx:1]
call 2
mov %r0, 0
exit
