# ret_sysctl_out_of_range.s - a cgroup sysctl program returns 2, not 0 or 1.
# type: cgroup_sysctl
# expect: At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]
mov %r0, 2
exit
