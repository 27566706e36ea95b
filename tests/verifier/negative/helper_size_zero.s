# helper_size_zero.s - bpf_trace_printk with size 0.
# type: xdp
# expect: R2 invalid zero-sized read
stdw [%r10-8], 0x41
mov %r1, %r10
add %r1, -8
mov %r2, 0
call 6
exit
