# dynptr_read_into_itself.s - bpf_dynptr_read's destination is the dynptr.
# type: xdp
# expect: potential write to dynptr at off=-16 disallowed
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
mov %r1, %r10
add %r1, -16
mov %r2, 8
mov %r3, %r10
add %r3, -16
mov %r4, 0
mov %r5, 0
call 201
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 199
mov %r0, 0
exit
