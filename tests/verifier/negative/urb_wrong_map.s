# urb_wrong_map.s - bpf_user_ringbuf_drain on a (kernel-produced) RINGBUF.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: cannot pass map_type 27 into func bpf_user_ringbuf_drain#209
lddw %r1, map[idx:5]
lddw %r2, subprog[cb]
mov %r3, 0
mov %r4, 0
call 209
mov %r0, 0
exit
cb:
mov %r0, 0
exit
