# kfunc_clone_after_release.s - bpf_dynptr_clone (kfunc 9) of a ring
# buffer dynptr shares its reference: submitting the original ends the
# clone too, which bpf_dynptr_size (kfunc 8) then refuses.
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: Expected an initialized dynptr as arg #0
lddw %r1, map[idx:5]
mov %r2, 16
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
mov %r1, %r10
add %r1, -16
mov %r2, %r10
add %r2, -32
call kfunc 9
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 199
mov %r1, %r10
add %r1, -32
call kfunc 8
mov %r0, 0
exit
