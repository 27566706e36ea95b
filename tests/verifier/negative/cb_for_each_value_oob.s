# cb_for_each_value_oob.s - for_each callback reads past the value.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: invalid access to map value, value_size=8 off=8 size=8
lddw %r1, map[idx:0]
lddw %r2, subprog[cb]
mov %r3, 0
mov %r4, 0
call 164
mov %r0, 0
exit
cb:
ldxdw %r0, [%r3+8]
mov %r0, 0
exit
