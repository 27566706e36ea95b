# urb_cb_ctx_oob.s - the callback writes past the 8-byte context on the
# caller's stack.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: invalid write to stack R2 off=0 size=8
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
stdw [%r2+8], 1
mov %r0, 0
exit
