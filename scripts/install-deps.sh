#!/usr/bin/env bash
# Install the Debian 12 packages bpfhost builds and tests with.  Idempotent:
# installs only what is missing, and runs 'apt-get update' only then.
set -euo pipefail

PKGS=(
	gcc make pkg-config            # the C toolchain
	clang-19 llvm-19 lld-19        # BPF C programs (cpu v4) and llvm-objcopy
	libclang-rt-19-dev             # libFuzzer runtime: the loader's fuzz target
	libelf-dev zlib1g-dev          # the ELF object loader
	liburcu-dev                    # RCU for maps and attachment
	libbpf-dev                     # BPF C headers, kernel-side tests
	iproute2                       # network namespaces for kernel-side tests
	python3                        # JSON checks of the CLI tests
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "install-deps: all ${#PKGS[@]} packages present"
	exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
