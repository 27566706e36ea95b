# dynptr_local_overwritten.s - a byte stored into a local dynptr destroys it;
# bpf_dynptr_read then has no dynptr.
# type: xdp
# expect: Expected an initialized dynptr as arg #2
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
stb [%r10-12], 0
mov %r1, %r10
add %r1, -32
mov %r2, 4
mov %r3, %r10
add %r3, -16
mov %r4, 0
mov %r5, 0
call 201
mov %r0, 0
exit
