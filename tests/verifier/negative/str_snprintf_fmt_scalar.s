# str_snprintf_fmt_scalar.s - the format is a number.
# type: xdp
# expect: R3 type=scalar expected=map_value
mov %r1, 0
mov %r2, 0
mov %r3, 0
mov %r4, 0
mov %r5, 0
call 165
mov %r0, 0
exit
