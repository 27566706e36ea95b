# map_global_data_oob.s - global data read past its end.
# type: xdp
# expect: invalid access to map value, value_size=16 off=12 size=8
lddw %r1, map[idx:2]+12
ldxdw %r0, [%r1+0]
exit
