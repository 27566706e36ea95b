# iter_loop_oob.s - an iterator loop indexing an 8-byte map value with
# numbers up to 8: the last one is past the end.  The loop converges (the
# verifier does not walk 9 iterations) and still sees the bad index.
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 refuses the C form alike)
# expect: R0 max value is outside of the allowed memory range
mov %r1, %r10
add %r1, -8
mov %r2, 0
mov %r3, 9
call kfunc 10
loop:
mov %r1, %r10
add %r1, -8
call kfunc 11
jeq %r0, 0, done
ldxw %r6, [%r0+0]
jslt %r6, 0, loop
jsgt %r6, 8, loop
stw [%r10-12], 0
mov %r2, %r10
add %r2, -12
lddw %r1, map[idx:1]
call 1
jeq %r0, 0, loop
add %r0, %r6
stb [%r0+0], 1
ja loop
done:
mov %r1, %r10
add %r1, -8
call kfunc 12
mov %r0, 0
exit
