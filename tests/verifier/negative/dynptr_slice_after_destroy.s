# dynptr_slice_after_destroy.s - a slice of a local dynptr used after a store
# destroyed the dynptr.
# type: xdp
# expect: R6 invalid mem access 'scalar'
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:1]
call 1
jne %r0, 0, +2
mov %r0, 0
exit
mov %r1, %r0
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 197
mov %r1, %r10
add %r1, -16
mov %r2, 0
mov %r3, 8
call 203
jeq %r0, 0, out
mov %r6, %r0
stdw [%r10-16], 0
stdw [%r6+0], 1
out:
mov %r0, 0
exit
