# str_snprintf_too_few_args.s - "%d%d" with one 8-byte argument.
# type: xdp
# expect: Invalid format string
stdw [%r10-8], 1
mov %r1, 0
mov %r2, 0
lddw %r3, map[idx:8]+9
mov %r4, %r10
add %r4, -8
mov %r5, 8
call 165
mov %r0, 0
exit
