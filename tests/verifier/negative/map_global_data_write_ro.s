# map_global_data_write_ro.s - store into read-only global data.
# type: xdp
# expect: write into map forbidden
lddw %r1, map[idx:3]+0
stw [%r1+0], 1
mov %r0, 0
exit
