# iter_widened_counter.s - a counter the loop body increments, used after
# the loop as an index into an 8-byte map value.  The loop runs 3 times,
# but the verifier only knows the counter grew: the iterations it compares
# differ in it and no check needed it, so it is widened (the kernel's
# widen_imprecise_scalars), and the index is refused, with the message
# 6.18 gives for the C form.
# type: xdp
# kernel: needs BTF (kfuncs)
# expect: invalid access to map value, value_size=8 off=8 size=1
mov %r7, 0
mov %r1, %r10
add %r1, -8
mov %r2, 0
mov %r3, 3
call kfunc 10
loop:
mov %r1, %r10
add %r1, -8
call kfunc 11
jeq %r0, 0, done
add %r7, 1
ja loop
done:
mov %r1, %r10
add %r1, -8
call kfunc 12
stw [%r10-12], 0
mov %r2, %r10
add %r2, -12
lddw %r1, map[idx:1]
call 1
jeq %r0, 0, out
add %r0, %r7
stb [%r0+0], 1
out:
mov %r0, 0
exit
