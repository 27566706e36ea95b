# rb_leak.s - a reserved record never submitted.
# type: xdp
# expect: Unreleased reference id=2 alloc_insn=4
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 131
jeq %r0, 0, out
stdw [%r0+0], 1
out:
mov %r0, 0
exit
