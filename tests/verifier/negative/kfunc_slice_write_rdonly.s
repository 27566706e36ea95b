# kfunc_slice_write_rdonly.s - a store through bpf_dynptr_slice's
# (read-only) view; bpf_dynptr_slice_rdwr gives a writable one.
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: R0 cannot write into rdonly_mem
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
jeq %r0, 0, out
stdw [%r0+0], 1
out:
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 200
mov %r0, 0
exit
