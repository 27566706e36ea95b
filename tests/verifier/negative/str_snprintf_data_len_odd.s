# str_snprintf_data_len_odd.s - data_len 4: the arguments are u64s (the kernel says nothing, -EINVAL).
# type: xdp
# expect: R5 data_len 4 is not a multiple of 8
stdw [%r10-8], 1
mov %r1, 0
mov %r2, 0
lddw %r3, map[idx:8]+0
mov %r4, %r10
add %r4, -8
mov %r5, 4
call 165
mov %r0, 0
exit
