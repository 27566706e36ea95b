# bpfhost build.  `make` builds the libraries, the CLI and the tests;
# `make test` runs the suite; `make conformance` runs bpf_conformance;
# `make sanitize` builds and tests under ASan+UBSan into build-asan/.
#
# Variables: BUILD (output folder), SAN (address / thread), PREFIX (install).

BUILD   ?= build
PREFIX  ?= /usr/local
CC      ?= cc
CLANG_BPF ?= $(shell command -v clang-19 || command -v clang)
SHARED  ?= $(abspath ../shared)

URCU_CFLAGS := $(shell pkg-config --cflags liburcu-memb 2>/dev/null)
URCU_LIBS   := $(shell pkg-config --libs liburcu-memb 2>/dev/null || echo -lurcu-memb -lurcu-common)

WARN    := -Wall -Wextra -Werror -Wno-unused-parameter -Wshadow -Wstrict-prototypes
CFLAGS  ?= -O2 -g
BASE_CFLAGS := -std=gnu11 $(WARN) -fPIC -fvisibility=hidden -D_GNU_SOURCE \
	-Iinclude -Isrc $(URCU_CFLAGS)
LDLIBS  := $(URCU_LIBS) -lelf -lz -lpthread -lm

ifeq ($(SAN),address)
  CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
  LDFLAGS += -fsanitize=address,undefined
endif
ifeq ($(SAN),thread)
  CFLAGS += -fsanitize=thread -fno-omit-frame-pointer
  LDFLAGS += -fsanitize=thread
endif

LIB_SRCS  := $(sort $(wildcard src/*/*.c))
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
CLI_SRCS  := $(sort $(wildcard tools/bpfhost/*.c))
CLI_OBJS  := $(CLI_SRCS:%.c=$(BUILD)/obj/%.o)
TEST_SRCS := $(sort $(wildcard tests/*/test_*.c))
TEST_BINS := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)
TEST_LIB_SRCS := $(sort $(wildcard tests/lib/*.c))
TEST_LIB_OBJS := $(TEST_LIB_SRCS:%.c=$(BUILD)/obj/%.o)
# Differential tests against the kernel (make diff), outside tests/ so the
# unit-test runner does not pick them up.
DIFF_SRCS := $(sort $(wildcard tests/*/diff_*.c))
DIFF_BINS := $(DIFF_SRCS:tests/%.c=$(BUILD)/diff/%)
BENCH_SRCS := $(sort $(wildcard bench/*.c))
BENCH_BINS := $(BENCH_SRCS:bench/%.c=$(BUILD)/bench/%)
EXAMPLE_SRCS := $(sort $(filter-out %.bpf.c,$(wildcard examples/*.c)))
EXAMPLE_BINS := $(EXAMPLE_SRCS:examples/%.c=$(BUILD)/examples/%)
# BPF C programs with one SEC("xdp") program each, built to raw instructions
# (.bin: the section's bytes) for code that loads instructions directly.
BPF_RAW_SRCS := $(sort $(wildcard bench/progs/*.bpf.c))
BPF_RAW_BINS := $(BPF_RAW_SRCS:%.bpf.c=$(BUILD)/%.bin)
LLVM_OBJCOPY ?= $(shell command -v llvm-objcopy-19 || command -v llvm-objcopy)
# BPF C sees the host's multiarch headers for <asm/types.h> (Debian layout).
BPF_CFLAGS := -target bpf -O2 -g -mcpu=v3 -Iinclude \
	-I/usr/include/$(shell $(CC) -dumpmachine 2>/dev/null)

.PHONY: all lib cli tests bench examples test check conformance sanitize \
	tsan install clean diff demo

all: lib cli tests bench examples

lib: $(BUILD)/libbpfhost.a $(BUILD)/libbpfhost.so
cli: $(BUILD)/bpfhost
tests: $(TEST_BINS)
bench: $(BENCH_BINS) $(BPF_RAW_BINS)
examples: $(EXAMPLE_BINS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -Itests -MMD -MP -c $< -o $@

$(BUILD)/libbpfhost.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libbpfhost.so: $(LIB_OBJS) src/libbpfhost.map
	$(CC) -shared $(LDFLAGS) -Wl,--version-script=src/libbpfhost.map \
		-Wl,-soname,libbpfhost.so.0 -o $@ $(LIB_OBJS) $(LDLIBS)

$(BUILD)/bpfhost: $(CLI_OBJS) $(BUILD)/libbpfhost.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJS) $(BUILD)/libbpfhost.a $(LDLIBS)

$(BUILD)/%.bin: %.bpf.c
	@mkdir -p $(dir $@)
	$(CLANG_BPF) $(BPF_CFLAGS) -MMD -MP -MT $@ -MF $(BUILD)/$*.bpf.d -c $< -o $(BUILD)/$*.bpf.o
	$(LLVM_OBJCOPY) -O binary --only-section=xdp $(BUILD)/$*.bpf.o $@

# Tests link the static library so they can reach internal functions.
$(BUILD)/tests/%: tests/%.c $(TEST_LIB_OBJS) $(BUILD)/libbpfhost.a
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -Itests -MMD -MP -MT $@ -MF $@.d $(LDFLAGS) -o $@ $< \
		$(TEST_LIB_OBJS) $(BUILD)/libbpfhost.a $(LDLIBS)

$(BUILD)/diff/%: tests/%.c $(TEST_LIB_OBJS) $(BUILD)/libbpfhost.a
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -Itests -MMD -MP -MT $@ -MF $@.d $(LDFLAGS) -o $@ $< \
		$(TEST_LIB_OBJS) $(BUILD)/libbpfhost.a $(LDLIBS)

# ---- BPF C test programs of the loader and BTF tests ----------------------
# tests/progs/*.bpf.c -> $(BUILD)/progs/NAME.bpf.o (BPF_CFLAGS: -mcpu=v3);
# loader_cpu.bpf.c is also built for each -mcpu=v1..v4 as NAME.vN.bpf.o.
# The tests find them through $$BUILD/progs/ and depend on them, so
# `make tests` builds them.  `make fuzz-loader` builds and briefly runs the
# libFuzzer target of bh_object__open_mem (tests/loader/fuzz_loader.c)
# for FUZZ_SECONDS (default 60).
BPF_TEST_SRCS := $(sort $(wildcard tests/progs/*.bpf.c))
BPF_TEST_OBJS := $(BPF_TEST_SRCS:tests/progs/%.bpf.c=$(BUILD)/progs/%.bpf.o) \
	$(if $(wildcard tests/progs/loader_cpu.bpf.c), \
	$(foreach v,1 2 3 4,$(BUILD)/progs/loader_cpu.v$(v).bpf.o))

$(BUILD)/progs/%.bpf.o: tests/progs/%.bpf.c
	@mkdir -p $(dir $@)
	$(CLANG_BPF) $(BPF_CFLAGS) -MMD -MP -MF $@.d -c $< -o $@

$(BUILD)/progs/%.v1.bpf.o $(BUILD)/progs/%.v2.bpf.o $(BUILD)/progs/%.v3.bpf.o \
$(BUILD)/progs/%.v4.bpf.o: tests/progs/%.bpf.c
	@mkdir -p $(dir $@)
	for v in 1 2 3 4; do $(CLANG_BPF) $(BPF_CFLAGS) -mcpu=v$$v -c $< \
		-o $(BUILD)/progs/$*.v$$v.bpf.o || exit 1; done

$(filter $(BUILD)/tests/loader/% $(BUILD)/tests/btf/%,$(TEST_BINS)): $(BPF_TEST_OBJS)

FUZZ_CC ?= $(shell command -v clang-19 || command -v clang)
$(BUILD)/fuzz/fuzz_loader: tests/loader/fuzz_loader.c $(LIB_SRCS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(BASE_CFLAGS) -Wno-error -O1 -g -fsanitize=fuzzer,address,undefined \
		-o $@ $< $(LIB_SRCS) $(LDLIBS)

.PHONY: fuzz-loader
fuzz-loader: $(BUILD)/fuzz/fuzz_loader $(BPF_TEST_OBJS)
	tests/loader/fuzz_loader.sh $(BUILD) $(FUZZ_SECONDS)

-include $(wildcard $(BUILD)/progs/*.d)
# ---- end of the loader's block ---------------------------------------------

# Long soundness fuzz of the verifier: tests/verifier/test_fuzz_soundness
# in VFUZZ_JOBS processes (default: one per CPU) with seeds from
# VFUZZ_SEED, for VFUZZ_PROGRAMS programs in all or VFUZZ_SECONDS each
# (default 300 s); VFUZZ_KERNEL=0 skips the kernel comparison.  See
# tests/verifier/fuzz_verifier.sh.
.PHONY: fuzz-verifier
fuzz-verifier: $(BUILD)/tests/verifier/test_fuzz_soundness
	VFUZZ_PROGRAMS=$(VFUZZ_PROGRAMS) VFUZZ_SECONDS=$(VFUZZ_SECONDS) \
	VFUZZ_SEED=$(VFUZZ_SEED) VFUZZ_JOBS=$(VFUZZ_JOBS) VFUZZ_KERNEL=$(VFUZZ_KERNEL) \
	VFUZZ_NICE=$(VFUZZ_NICE) tests/verifier/fuzz_verifier.sh $(BUILD)

# Object differential test and in-program map benchmark: tests/progs/diffp_*
# objects run on the kernel too, through libbpf (-lbpf); one built -mcpu=v4.
$(BUILD)/diff/progs/diff_objects $(BUILD)/bench/bench_progmaps: LDLIBS += -lbpf
$(BUILD)/diff/progs/diff_objects $(BUILD)/bench/bench_progmaps: $(BPF_TEST_OBJS)
# bench_ringbuf's USER_RINGBUF drain: the same object in the kernel (libbpf)
$(BUILD)/bench/bench_ringbuf: LDLIBS += -lbpf
$(BUILD)/bench/bench_ringbuf: $(BUILD)/progs/bench_user_ringbuf.bpf.o
$(BUILD)/progs/diffp_27_cpuv4.bpf.o: BPF_CFLAGS += -mcpu=v4
# Verification-time benchmark: every object above and bench/progs/; libbpf
# linked statically so --wrap=syscall can time its BPF_PROG_LOAD calls.
$(BUILD)/bench/bench_verify: LDLIBS += -Wl,--wrap=syscall -l:libbpf.a -lelf -lz
$(BUILD)/bench/bench_verify: $(BPF_TEST_OBJS) $(BPF_RAW_BINS)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libbpfhost.a
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -MMD -MP -MT $@ -MF $@.d $(LDFLAGS) -o $@ $< \
		$(BUILD)/libbpfhost.a $(LDLIBS)

$(BUILD)/examples/%: examples/%.c $(BUILD)/libbpfhost.a
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libbpfhost.a $(LDLIBS)

# ---- BPF C examples and the demo's input ---------------------------------
# examples/*.bpf.c -> $(BUILD)/examples/NAME.bpf.o (`make examples`); the
# demo's pcap comes from scripts/gen-pcap.py (fixed seed, no downloads),
# with the counts it expects beside it in traffic.expect.json.
EXAMPLE_BPF_SRCS := $(sort $(wildcard examples/*.bpf.c))
EXAMPLE_BPF_OBJS := $(EXAMPLE_BPF_SRCS:examples/%.bpf.c=$(BUILD)/examples/%.bpf.o)
examples: $(EXAMPLE_BPF_OBJS)
demo: $(EXAMPLE_BPF_OBJS) $(BUILD)/demo/traffic.pcap

$(BUILD)/examples/%.bpf.o: examples/%.bpf.c
	@mkdir -p $(dir $@)
	$(CLANG_BPF) $(BPF_CFLAGS) -MMD -MP -MF $@.d -c $< -o $@

$(BUILD)/demo/traffic.pcap: scripts/gen-pcap.py
	@mkdir -p $(dir $@)
	python3 scripts/gen-pcap.py --out $@ --expect $(BUILD)/demo/traffic.expect.json

-include $(wildcard $(BUILD)/examples/*.bpf.o.d)
# ---- end of the examples' block --------------------------------------------

# Verifier tests over every clang object: test_objects (bpfhost alone) and
# diff_verdicts (bpfhost against the kernel through libbpf).
$(BUILD)/tests/verifier/test_objects $(BUILD)/diff/verifier/diff_verdicts: \
	$(BPF_TEST_OBJS) $(EXAMPLE_BPF_OBJS)
$(BUILD)/diff/verifier/diff_verdicts: LDLIBS += -lbpf

# The whole suite: unit tests, conformance, CLI checks.  Last line:
# "N passed, N failed".
test: all
	BUILD=$(BUILD) SHARED=$(SHARED) scripts/run-tests.sh

conformance: $(BUILD)/tests/isa/test_conformance
	$(BUILD)/tests/isa/test_conformance $(SHARED)/bpf_conformance

# Everything CI runs: release, ASan+UBSan and TSan suites; last line sums up.
check:
	scripts/check.sh

# The README's demo: an XDP program counts a generated capture's traffic
# (needs the examples' block above: the object and the pcap).
demo: cli
	scripts/demo.sh $(BUILD)

sanitize:
	$(MAKE) BUILD=build-asan SAN=address test

tsan:
	$(MAKE) BUILD=build-tsan SAN=thread tests
	BUILD=build-tsan SHARED=$(SHARED) scripts/run-tests.sh --tsan

diff: all $(DIFF_BINS)
	BUILD=$(BUILD) SHARED=$(SHARED) scripts/run-diff.sh

install: lib cli
	install -d $(DESTDIR)$(PREFIX)/include/bpfhost $(DESTDIR)$(PREFIX)/lib \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/bin
	install -m 644 include/bpfhost/*.h include/bpfhost/*.def \
		$(DESTDIR)$(PREFIX)/include/bpfhost/
	install -m 644 $(BUILD)/libbpfhost.a $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(BUILD)/libbpfhost.so $(DESTDIR)$(PREFIX)/lib/libbpfhost.so.0
	ln -sf libbpfhost.so.0 $(DESTDIR)$(PREFIX)/lib/libbpfhost.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|0.1.0|' bpfhost.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/bpfhost.pc
	install -m 755 $(BUILD)/bpfhost $(DESTDIR)$(PREFIX)/bin/

clean:
	rm -rf build build-asan build-tsan

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
-include $(wildcard $(BUILD)/bench/*.d $(BUILD)/bench/progs/*.d)
-include $(shell find $(BUILD)/tests $(BUILD)/diff -name '*.d' 2>/dev/null)
