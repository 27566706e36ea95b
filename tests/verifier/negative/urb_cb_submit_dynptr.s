# urb_cb_submit_dynptr.s - the callback submits the sample's dynptr.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: cannot release unowned const bpf_dynptr
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
mov %r2, 0
call 199
mov %r0, 0
exit
