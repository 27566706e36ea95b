# cb_for_each_key_write.s - for_each callback writes the key.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: write to change key R2 not allowed
lddw %r1, map[idx:0]
lddw %r2, subprog[cb]
mov %r3, 0
mov %r4, 0
call 164
mov %r0, 0
exit
cb:
stw [%r2+0], 1
mov %r0, 0
exit
