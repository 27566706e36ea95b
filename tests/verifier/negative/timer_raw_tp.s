# timer_raw_tp.s - a tracing program refers to a map holding a bpf_timer.
# type: raw_tp
# expect: tracing progs cannot use bpf_timer yet
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:12]
call 1
jeq %r0, 0, out
out:
mov %r0, 0
exit
