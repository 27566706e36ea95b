# cf_unbounded_loop.s - counter that wraps only after 2^64 steps.
# type: xdp
# expect: BPF program is too large. Processed 1000001 insn
mov %r0, 0
l:
add %r0, 1
jne %r0, 0, l
exit
