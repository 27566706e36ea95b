# urb_cb_slice_kept.s - a slice of a sample used unchecked (NULL at run time:
# samples are read only).
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: R0 invalid mem access 'mem_or_null'
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
mov %r3, 8
call 203
ldxdw %r0, [%r0+0]
mov %r0, 0
exit
