# dynptr_data_var_len.s - bpf_dynptr_data with a length not known.
# type: xdp
# expect: R3 is not a known constant'
mov %r6, %r1
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
ldxw %r3, [%r6+12]
and %r3, 7
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 203
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 199
mov %r0, 0
exit
