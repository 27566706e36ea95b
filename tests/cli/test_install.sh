#!/usr/bin/env bash
# `make install` puts headers, libraries, bpfhost.pc and the CLI under a
# prefix; an outside program builds against them with pkg-config, linked
# both dynamically and statically.
set -uo pipefail
BUILD=${BUILD:-build}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT

if make -s BUILD="$BUILD" PREFIX="$prefix" install >"$prefix/log" 2>&1; then
	echo "ok install_runs"
else
	echo "not ok install_runs"; sed 's/^/    /' "$prefix/log" | tail -n 5; exit 1
fi
for f in include/bpfhost/bpfhost.h include/bpfhost/uapi.h include/bpfhost/helper_ids.def \
	lib/libbpfhost.a lib/libbpfhost.so lib/pkgconfig/bpfhost.pc bin/bpfhost; do
	[ -e "$prefix/$f" ] && echo "ok install_has_${f//\//_}" || echo "not ok install_has_${f//\//_}"
done
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
san=""
case "$BUILD" in *asan*) san="-fsanitize=address,undefined" ;; *tsan*) san="-fsanitize=thread" ;; esac
if cc $san examples/hello.c $(pkg-config --cflags --libs bpfhost) -o "$prefix/hello" 2>"$prefix/cc.log" &&
	LD_LIBRARY_PATH=$prefix/lib "$prefix/hello" | grep -q '40 + 2 = 42'; then
	echo "ok install_pkg_config_dynamic"
else
	echo "not ok install_pkg_config_dynamic"; sed 's/^/    /' "$prefix/cc.log" | tail -n 5
fi
if cc $san examples/hello.c $(pkg-config --cflags bpfhost) "$prefix/lib/libbpfhost.a" \
	$(pkg-config --libs --static bpfhost | sed 's/-lbpfhost//') -o "$prefix/hello-static" 2>"$prefix/cc.log" &&
	"$prefix/hello-static" | grep -q '40 + 2 = 42'; then
	echo "ok install_pkg_config_static"
else
	echo "not ok install_pkg_config_static"; sed 's/^/    /' "$prefix/cc.log" | tail -n 5
fi
if nm -D --defined-only "$prefix/lib/libbpfhost.so" | awk '$2 != "A" {print $3}' | grep -v '^bh_' | grep -q .; then
	echo "not ok install_exports_only_bh_symbols"
	nm -D --defined-only "$prefix/lib/libbpfhost.so" | awk '$2 != "A" {print $3}' | grep -v '^bh_' | head -5
else
	echo "ok install_exports_only_bh_symbols"
fi
