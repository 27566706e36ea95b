# kfunc_slice_no_null_check.s - a read through bpf_dynptr_slice's result
# before checking it for NULL.
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: R0 invalid mem access 'rdonly_mem_or_null'
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
mov %r4, 8
call kfunc 3
ldxdw %r6, [%r0+0]
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 200
mov %r0, 0
exit
