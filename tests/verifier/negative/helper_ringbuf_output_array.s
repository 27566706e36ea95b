# helper_ringbuf_output_array.s - bpf_ringbuf_output on an array map.
# type: xdp
# expect: cannot pass map_type 2 into func bpf_ringbuf_output#130
stdw [%r10-8], 0
lddw %r1, map[idx:1]
mov %r2, %r10
add %r2, -8
mov %r3, 8
mov %r4, 0
call 130
mov %r0, 0
exit
