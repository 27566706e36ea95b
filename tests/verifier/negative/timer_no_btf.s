# timer_no_btf.s - a value of a map without BTF passed as a timer.
# type: xdp
# expect: map 'vmap' has to have BTF in order to use bpf_timer
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:2]
call 1
jeq %r0, 0, out
mov %r1, %r0
mov %r2, 0
mov %r3, 0
call 171
out:
mov %r0, 0
exit
