# gfunc_result_unbounded.s - the caller indexes a map value with the global function's result.
# type: xdp
# funcs: prog g_scalar
# expect: math between map_value pointer and register with unbounded min value is not allowed
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:1]
call 1
jeq %r0, 0, out
mov %r6, %r0
mov %r1, 0
call local g
add %r6, %r0
ldxb %r0, [%r6+0]
out:
mov %r0, 0
exit
g:
mov %r0, 0
exit
