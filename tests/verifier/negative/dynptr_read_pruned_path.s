# dynptr_read_pruned_path.s - found by the soundness fuzzer (kernel comparison):
# a subprogram reads the caller's dynptr (fp-24) on the path where the
# store at fp-64 + r0 misses it; the path where it destroys the dynptr
# comes first and must not cover this one at the subprogram's entry.
# type: xdp
# expect: invalid read from stack off -24+0 size 8
mov %r6, %r1
mov %r9, 0
mov %r0, 0
ldxw %r7, [%r6+0]
ldxw %r8, [%r6+4]
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:1]
call 1
jeq %r0, 0, L0
mov %r1, %r0
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -24
call 197
stdw [%r10-80], 7
mov %r1, %r10
add %r1, -24
mov %r2, 11
mov %r3, %r10
add %r3, -80
mov %r4, 3
mov %r5, 0
call 202
L0:
mov %r2, %r7
add %r2, 8
jgt %r2, %r8, L3
ldxb %r9, [%r7+2]
jslt %r9, 157, L1
mov %r4, 47
ja L2
L1:
mov %r4, 0
L2:
mov %r5, %r4
mov %r4, %r5
mov %r1, %r4
call local F0
mov %r1, %r10
add %r1, -64
add %r1, %r0
stb [%r1+0], 1
L3:
mov %r1, %r10
add %r1, -24
mov %r2, %r9
call local F1
mov %r9, %r0
and32 %r9, 27
mov %r0, 0
exit
F0:
mov %r0, %r1
exit
F1:
ldxdw %r3, [%r1+0]
mov %r0, %r2
and %r0, 15
exit
