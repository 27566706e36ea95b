# rb_discard_unchecked.s - bpf_ringbuf_discard on a record not checked for NULL.
# type: xdp
# expect: R1 type=ringbuf_mem_or_null expected=ringbuf_mem
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 131
mov %r1, %r0
mov %r2, 0
call 133
mov %r0, 0
exit
