# dynptr_slice_after_submit.s - a bpf_dynptr_data slice written after the
# record was submitted.
# type: xdp
# expect: R6 invalid mem access 'scalar'
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
mov %r1, %r10
add %r1, -16
mov %r2, 0
mov %r3, 8
call 203
jeq %r0, 0, out
mov %r6, %r0
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 199
stdw [%r6+0], 1
mov %r0, 0
exit
out:
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 200
mov %r0, 0
exit
