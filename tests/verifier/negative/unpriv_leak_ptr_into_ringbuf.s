# unpriv_leak_ptr_into_ringbuf.s - the frame pointer written into a ring
# buffer record, which user space reads.
# type: socket_filter
# mode: unpriv
# expect: R10 leaks addr into mem
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 131
jeq %r0, 0, out
stxdw [%r0+0], %r10
mov %r1, %r0
mov %r2, 0
call 132
out:
mov %r0, 0
exit
