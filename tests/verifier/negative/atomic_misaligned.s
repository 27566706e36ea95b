# atomic_misaligned.s - 8-byte atomic at offset 2.
# type: xdp
# expect: misaligned value access
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jeq %r0, 0, out
mov %r1, 1
lock add [%r0+2], %r1
out:
mov %r0, 0
exit
