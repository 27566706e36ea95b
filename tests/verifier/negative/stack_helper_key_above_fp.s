# stack_helper_key_above_fp.s - a map key at fp+0, above the frame.
# type: xdp
# expect: invalid read from stack R2 off=0 size=4
mov %r2, %r10
lddw %r1, map[idx:0]
call 1
mov %r0, 0
exit
