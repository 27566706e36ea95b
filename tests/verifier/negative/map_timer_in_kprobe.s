# map_timer_in_kprobe.s - a kprobe program refers to a map whose values hold a bpf_timer.
# type: kprobe
# expect: tracing progs cannot use bpf_timer yet
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:12]
call 1
mov %r0, 0
exit
