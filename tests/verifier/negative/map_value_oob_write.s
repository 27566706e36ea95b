# map_value_oob_write.s - 8-byte store straddling the end.
# type: xdp
# expect: invalid access to map value, value_size=8 off=4 size=8
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jeq %r0, 0, out
stdw [%r0+4], 1
out:
mov %r0, 0
exit
