#!/usr/bin/env bash
# `bpfhost link`: help, listing and errors of the command run from a shell.
# A shell's bpfhost process has no links of its own (links live in the
# process hosting their hooks), so the list is empty here; the in-process
# test tests/cli/test_link_cmd.c runs the same code on real links.
# One "ok NAME" / "not ok NAME" line per check.
set -uo pipefail
BUILD=${BUILD:-build}
B=$BUILD/bpfhost
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { # check NAME CMD...: passes when CMD succeeds
	local name=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then
		echo "ok $name"
	else
		echo "not ok $name"
		sed 's/^/    /' "$tmp/out" | head -n 10
	fi
}

json_ok() { python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin if l.strip()]'; }
export -f json_ok

check link_in_top_help bash -c "'$B' --help | grep -q 'OBJECT := {.*link'"
check link_help bash -c "'$B' link help | grep -q 'link detach id ID'"
check link_show_empty bash -c "[ -z \"\$('$B' link show)\" ]"
check link_list_alias bash -c "[ -z \"\$('$B' link list)\" ]"
check link_show_json_empty bash -c "[ \"\$('$B' --json link show)\" = '[]' ]"
check link_show_json_after bash -c "'$B' link show --json | json_ok"
check link_show_unknown_id bash -c "'$B' link show id 42 2>&1 | grep -q 'no link with id 42'; [ \${PIPESTATUS[0]} -eq 255 ]"
check link_show_bad_id bash -c "'$B' link show id zero 2>&1 | grep -q \"invalid link id 'zero'\""
check link_show_id_zero bash -c "'$B' link show id 0; [ \$? -eq 255 ]"
check link_detach_needs_id bash -c "'$B' link detach 2>&1 | grep -q \"expects 'id ID'\""
check link_detach_unknown bash -c "'$B' link detach id 9; [ \$? -eq 255 ]"
check link_detach_error_json bash -c "'$B' --json link detach id 9 | json_ok"
check link_unknown_verb bash -c "'$B' link frob 2>&1 | grep -q 'unknown verb'"
