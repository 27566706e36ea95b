# map_value_off_by_one_loop.s - loop writes bytes 0..8 of an 8-byte value.
# type: xdp
# expect: invalid access to map value, value_size=8 off=8 size=1
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jeq %r0, 0, out
mov %r1, 0
l:
mov %r2, %r0
add %r2, %r1
stb [%r2+0], 0
add %r1, 1
jle %r1, 8, l
out:
mov %r0, 0
exit
