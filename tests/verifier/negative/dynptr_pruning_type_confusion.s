# dynptr_pruning_type_confusion.s - two paths meet with a local and a ring
# buffer dynptr swapped between fp-16 and fp-32; the second path submits its
# local one.  Pruning must tell the dynptrs apart.
# type: xdp
# expect: arg 1 is an unacquired reference
ldxw %r9, [%r1+12]
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:1]
call 1
jne %r0, 0, +2
mov %r0, 0
exit
mov %r7, %r0
jeq %r9, 0, other
mov %r1, %r7
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 197
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -32
call 198
ja join
other:
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
mov %r1, %r7
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -32
call 197
join:
mov %r1, %r10
add %r1, -32
mov %r2, 0
call 199
mov %r0, 0
exit
