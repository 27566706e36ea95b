# dynptr_submit_local.s - bpf_ringbuf_submit_dynptr on a local dynptr.
# type: xdp
# expect: arg 1 is an unacquired reference
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:1]
call 1
jne %r0, 0, +2
mov %r0, 0
exit
mov %r1, %r0
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 197
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 199
mov %r0, 0
exit
