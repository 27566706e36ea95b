# helper_unknown_id.s - a call to a helper id that does not exist.
# type: xdp
# expect: invalid func unknown#999
call 999
exit
