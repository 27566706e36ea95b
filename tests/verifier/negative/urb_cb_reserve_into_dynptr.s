# urb_cb_reserve_into_dynptr.s - the callback's dynptr used as uninitialised
# slots for bpf_ringbuf_reserve_dynptr.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: Dynptr has to be an uninitialized dynptr
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
mov %r4, %r1
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 198
mov %r0, 0
exit
