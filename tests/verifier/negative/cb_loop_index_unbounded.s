# cb_loop_index_unbounded.s - the loop index used as an offset unchecked.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: invalid unbounded variable-offset write to stack R2
stdw [%r10-8], 0
mov %r1, 10
lddw %r2, subprog[cb]
mov %r3, %r10
add %r3, -8
mov %r4, 0
call 181
mov %r0, 0
exit
cb:
add %r2, %r1
stb [%r2+0], 1
mov %r0, 0
exit
