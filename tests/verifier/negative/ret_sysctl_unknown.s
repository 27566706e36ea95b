# ret_sysctl_unknown.s - a cgroup sysctl program returns an unbounded number.
# type: cgroup_sysctl
# expect: At program exit the register R0 has
call 5
exit
