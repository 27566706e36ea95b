# unpriv_helper_uninit_key.s - a map key on stack nobody wrote.
# type: socket_filter
# mode: unpriv
# expect: invalid read from stack R2 off -8+0 size 4
mov %r2, %r10
add %r2, -8
lddw %r1, map[idx:0]
call 1
mov %r0, 0
exit
