# urb_cb_load_dynptr.s - the callback loads the dynptr's data pointer.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: R1 invalid mem access 'dynptr_ptr'
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
ldxdw %r0, [%r1+0]
mov %r0, 0
exit
