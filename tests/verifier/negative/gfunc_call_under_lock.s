# gfunc_call_under_lock.s - a global function called while a bpf_spin_lock is held.
# type: xdp
# funcs: prog g_scalar
# expect: global function calls are not allowed while holding a lock
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:9]
call 1
jeq %r0, 0, out
mov %r6, %r0
mov %r1, %r6
call 93
mov %r1, 0
call local g
mov %r1, %r6
call 94
out:
mov %r0, 0
exit
g:
mov %r0, 0
exit
