# helper_key_var_off_oob.s - a lookup key at a variable stack offset reaching above the frame.
# type: xdp
# expect: invalid variable-offset read from stack R2 var_off=(0x0; 0x7) off=-8 size=4
stdw [%r10-8], 0
ldxw %r2, [%r1+12]
and %r2, 7
mov %r3, %r10
add %r3, -8
add %r3, %r2
mov %r2, %r3
lddw %r1, map[idx:0]
call 1
mov %r0, 0
exit
