# str_strncmp_not_rdonly.s - bpf_strncmp's constant string in a writable map.
# type: xdp
# expect: R3 does not point to a readonly map'
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -8
mov %r2, 8
lddw %r3, map[idx:2]+0
call 182
mov %r0, 0
exit
