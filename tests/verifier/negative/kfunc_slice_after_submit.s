# kfunc_slice_after_submit.s - a read through a bpf_dynptr_slice view of a
# ring buffer record after the record was submitted.  Stricter than the
# kernel: 6.18 accepts the C form (its slices of ring buffer dynptrs carry
# no reference); bpfhost's carry the record's, and go with it.
# type: xdp
# kernel: needs BTF (kfuncs; and 6.18 accepts it: docs/verifier.md)
# expect: R6 invalid mem access 'scalar'
lddw %r1, map[idx:5]
mov %r2, 16
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
mov %r1, %r10
add %r1, -16
mov %r2, 0
mov %r3, 0
mov %r4, 8
call kfunc 3
mov %r6, %r0
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 199
jeq %r6, 0, out
ldxdw %r0, [%r6+0]
exit
out:
mov %r0, 0
exit
