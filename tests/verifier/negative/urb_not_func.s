# urb_not_func.s - a number where bpf_user_ringbuf_drain wants a callback.
# type: xdp
# expect: R2 type=scalar expected=func
lddw %r1, map[idx:13]
mov %r2, 0
mov %r3, 0
mov %r4, 0
call 209
mov %r0, 0
exit
