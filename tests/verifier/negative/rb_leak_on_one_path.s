# rb_leak_on_one_path.s - the record is submitted on one branch only.
# type: xdp
# expect: Unreleased reference id=2 alloc_insn=5
mov %r6, %r1
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 131
jeq %r0, 0, out
ldxw %r2, [%r6+12]
jeq %r2, 0, out
mov %r1, %r0
mov %r2, 0
call 132
out:
mov %r0, 0
exit
