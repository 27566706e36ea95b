# kfunc_slice_rdwr_socket.s - bpf_dynptr_slice_rdwr (kfunc 4) in a program
# type that may not write packet data (the kernel's rule, whatever the
# dynptr's type).
# type: socket_filter
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: the prog does not allow writes to packet data
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
call kfunc 4
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 200
mov %r0, 0
exit
