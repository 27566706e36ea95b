# unpriv_leak_released_record.s - a copy of a ring buffer record pointer
# kept past bpf_ringbuf_submit and stored into a map value: privileged it
# is just a number then, unprivileged it is unreadable (the kernel's
# mark_reg_invalid), or the record's address would leak.
# type: socket_filter
# mode: unpriv
# expect: R6 !read_ok
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 131
jeq %r0, 0, out
mov %r6, %r0
mov %r1, %r0
mov %r2, 0
call 132
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
