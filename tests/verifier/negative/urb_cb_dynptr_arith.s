# urb_cb_dynptr_arith.s - pointer arithmetic on the callback's dynptr.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: R1 pointer arithmetic on dynptr_ptr prohibited
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
add %r1, 8
mov %r0, 0
exit
