# ret_sysctl_pointer.s - a cgroup sysctl program returns its context.
# type: cgroup_sysctl
# expect: At program exit the register R0 is not a known value (ctx)
mov %r0, %r1
exit
