# dynptr_slice_no_null_check.s - a bpf_dynptr_data slice used unchecked.
# type: xdp
# expect: R0 invalid mem access 'mem_or_null'
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
stdw [%r0+0], 1
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 199
mov %r0, 0
exit
