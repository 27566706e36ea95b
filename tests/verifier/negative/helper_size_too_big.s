# helper_size_too_big.s - 16 bytes from an 8-byte buffer.
# type: xdp
# expect: invalid read from stack R1 off=-8 size=16
stdw [%r10-8], 0x41
mov %r1, %r10
add %r1, -8
mov %r2, 16
call 6
exit
