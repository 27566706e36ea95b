# urb_cb_read_into_dynptr_ptr.s - bpf_dynptr_read into the callback's
# dynptr pointer (not memory).
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: R1 type=dynptr_ptr expected=fp, pkt, pkt_meta, map_key, map_value, mem
stdw [%r10-8], 0
lddw %r1, map[idx:13]
lddw %r2, subprog[cb]
mov %r3, %r10
add %r3, -8
mov %r4, 0
call 209
mov %r0, 0
exit
cb:
mov %r3, %r1
mov %r2, 8
mov %r4, 0
mov %r5, 0
call 201
mov %r0, 0
exit
