# unpriv_leak_stale_dynptr_slice.s - a slice of a local dynptr kept after a
# store destroyed the dynptr, then stored into a map value: privileged the
# stale slice is a number, unprivileged it is unreadable (the kernel's
# mark_reg_invalid), or the map value's address would leak.
# type: socket_filter
# mode: unpriv
# expect: R6 !read_ok
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:1]
call 1
jeq %r0, 0, out
mov %r1, %r0
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 197
mov %r1, %r10
add %r1, -16
mov %r2, 0
mov %r3, 8
call 203
jeq %r0, 0, out
mov %r6, %r0
stdw [%r10-16], 0
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:1]
call 1
jeq %r0, 0, out
stxdw [%r0+0], %r6
out:
mov %r0, 0
exit
