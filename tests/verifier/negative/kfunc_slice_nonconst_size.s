# kfunc_slice_nonconst_size.s - bpf_dynptr_slice (kfunc 3) sized by a
# variable: its buffer__szk must be a known constant.
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: R4 must be a known constant
ldxw %r6, [%r1+12]
and %r6, 8
lddw %r1, map[idx:5]
mov %r2, 16
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
mov %r1, %r10
add %r1, -16
mov %r2, 0
mov %r3, 0
mov %r4, %r6
call kfunc 3
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 200
mov %r0, 0
exit
