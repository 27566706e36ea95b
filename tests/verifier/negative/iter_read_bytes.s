# iter_read_bytes.s - a load of an iterator's bytes (the kfuncs' own).
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: invalid read from stack off -8+0 size 8
mov %r1, %r10
add %r1, -8
mov %r2, 0
mov %r3, 3
call kfunc 10
ldxdw %r6, [%r10-8]
mov %r1, %r10
add %r1, -8
call kfunc 12
mov %r0, %r6
exit
