# urb_cb_dynptr_to_caller.s - the callback keeps its dynptr pointer in the
# caller's stack, where it would outlive the sample: as in the kernel, the
# store keeps only bytes, and the caller passes a number.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: R3 type=scalar expected=fp, dynptr_ptr
stdw [%r10-8], 0
lddw %r1, map[idx:13]
lddw %r2, subprog[cb]
mov %r3, %r10
add %r3, -8
mov %r4, 0
call 209
ldxdw %r3, [%r10-8]
jeq %r3, 0, out
mov %r1, %r10
add %r1, -24
mov %r2, 8
mov %r4, 0
mov %r5, 0
call 201
out:
mov %r0, 0
exit
cb:
stxdw [%r2+0], %r1
mov %r0, 0
exit
