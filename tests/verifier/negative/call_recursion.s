# call_recursion.s - a subprogram calling itself.
# type: xdp
# expect: the call stack of 9 frames is too deep
call local f
exit
f:
call local f
exit
