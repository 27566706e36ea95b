# cb_for_each_queue.s - for_each over a queue.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: cannot pass map_type 22 into func bpf_for_each_map_elem#164
lddw %r1, map[idx:4]
lddw %r2, subprog[cb]
mov %r3, 0
mov %r4, 0
call 164
mov %r0, 0
exit
cb:
mov %r0, 0
exit
