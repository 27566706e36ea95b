# urb_cb_return_2.s - a drain callback returning 2.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: At callback return the register R0 has smin=2 smax=2 should have been in [0, 1]
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
mov %r0, 2
exit
