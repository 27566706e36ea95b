# rb_output_too_long.s - ringbuf_output of 16 bytes from an 8-byte slot.
# type: xdp
# expect: invalid read from stack R2 off=-8 size=16
stdw [%r10-8], 1
lddw %r1, map[idx:5]
mov %r2, %r10
add %r2, -8
mov %r3, 16
mov %r4, 0
call 130
exit
