/* SPDX-License-Identifier: MIT */
/*
 * tests/isa/test_asm.c - the assembler and the disassembler: round trips
 * over the bpf_conformance suite, its negative files, exact kernel-syntax
 * text for every instruction form, and bad inputs.
 *
 * The suite lives in $SHARED/bpf_conformance (default ../shared); cases
 * that need it skip when it is missing.  BH_TEST_VERBOSE=1 prints what was
 * done with each file.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpfhost/isa.h>
#include <bpfhost/uapi.h>

#include "isa/mnemonics.h"
#include "lib/conformance_data.h"
#include "test.h"

#define ERR_SZ 256

/* ---- Helpers ------------------------------------------------------------- */

static bool verbose(void)
{
	const char *v = getenv("BH_TEST_VERBOSE");

	return v && *v && strcmp(v, "0") != 0;
}

/* $SHARED/bpf_conformance/@sub into @buf; false when it does not exist. */
static bool suite_dir(const char *sub, char *buf, size_t sz)
{
	const char *shared = getenv("SHARED");
	DIR *d;

	snprintf(buf, sz, "%s/bpf_conformance/%s", shared ? shared : "../shared",
		 sub);
	d = opendir(buf);
	if (!d)
		return false;
	closedir(d);
	return true;
}

static int is_data_file(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 5 && !strcmp(e->d_name + n - 5, ".data");
}

/* Sorted .data files of @dir; returns the count (< 0 on error). */
static int list_data(const char *dir, struct dirent ***list)
{
	return scandir(dir, list, is_data_file, alphasort);
}

static void free_list(struct dirent **list, int n)
{
	for (int i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/* Disassemble a whole program into a malloc'ed string. */
static int disasm_to_string(const struct bpf_insn *insns, size_t cnt,
			    int syntax, char **text)
{
	size_t len = 0;
	FILE *f = open_memstream(text, &len);
	int ret;

	if (!f)
		return -errno;
	ret = bh_disasm__prog(insns, cnt, syntax, f);
	fclose(f);
	return ret;
}

static bool same_insns(const struct bpf_insn *a, size_t a_cnt,
		       const struct bpf_insn *b, size_t b_cnt)
{
	return a_cnt == b_cnt && !memcmp(a, b, a_cnt * sizeof(*a));
}

/* Assemble one line and print its first instruction in @syntax. */
static int asm_then_disasm(const char *text, int syntax, char *out,
			   size_t out_sz)
{
	struct bpf_insn *insns = NULL;
	char err[ERR_SZ];
	size_t cnt = 0;
	int ret;

	ret = bh_asm__parse(text, &insns, &cnt, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "  '%s': %s\n", text, err);
		snprintf(out, out_sz, "(assembly failed)");
		return ret;
	}
	ret = bh_disasm__insn(insns, cnt, 0, syntax, out, out_sz);
	free(insns);
	return ret < 0 ? ret : 0;
}

/* ---- (a) round trip over the suite -------------------------------------- */

/* assemble -> ASM text -> assemble: bit for bit; and against -- raw. */
static bool round_trip_file(const char *path, const struct bh_cdata *cd)
{
	struct bpf_insn *a = NULL, *b = NULL;
	size_t a_cnt = 0, b_cnt = 0;
	char err[ERR_SZ], *text = NULL;
	bool ok = false;

	if (bh_asm__parse(cd->asm_text, &a, &a_cnt, err, sizeof(err))) {
		fprintf(stderr, "  %s: %s\n", path, err);
		return false;
	}
	if (disasm_to_string(a, a_cnt, BH_DISASM_ASM, &text)) {
		fprintf(stderr, "  %s: disassembly failed\n", path);
	} else if (bh_asm__parse(text, &b, &b_cnt, err, sizeof(err))) {
		fprintf(stderr, "  %s: re-assembly: %s\n%s", path, err, text);
	} else if (!same_insns(a, a_cnt, b, b_cnt)) {
		fprintf(stderr, "  %s: round trip differs\n%s", path, text);
	} else if (cd->has_raw && !same_insns(a, a_cnt, cd->raw, cd->raw_cnt)) {
		fprintf(stderr, "  %s: differs from -- raw\n", path);
	} else {
		ok = true;
	}
	free(text);
	free(a);
	free(b);
	return ok;
}

/* Every slot of the program also prints in the kernel's syntax. */
static bool kernel_text_file(const char *path, const struct bh_cdata *cd)
{
	struct bpf_insn *insns = NULL;
	char err[ERR_SZ], *text = NULL;
	size_t cnt = 0;
	int ret;

	if (bh_asm__parse(cd->asm_text, &insns, &cnt, err, sizeof(err)))
		return false;
	ret = disasm_to_string(insns, cnt, BH_DISASM_KERNEL, &text);
	if (ret)
		fprintf(stderr, "  %s: kernel syntax failed (%d)\n", path, ret);
	free(text);
	free(insns);
	return ret == 0;
}

static void test_asm__conformance_round_trip(void)
{
	struct dirent **list = NULL;
	char dir[512], path[1024];
	int n, done = 0, trips = 0, raws = 0;

	if (!suite_dir("tests", dir, sizeof(dir)))
		SKIP("no bpf_conformance suite at %s", dir);
	n = list_data(dir, &list);
	REQUIRE("asm-rt-list", n > 0);
	for (int i = 0; i < n; i++) {
		struct bh_cdata cd;

		snprintf(path, sizeof(path), "%s/%s", dir, list[i]->d_name);
		CHECK("asm-rt-load", bh_cdata_load(path, &cd) == 0);
		if (cd.has_asm) {
			done++;
			trips += round_trip_file(path, &cd);
			raws += cd.has_raw;
			CHECK("asm-rt-kernel", kernel_text_file(path, &cd));
		}
		bh_cdata_free(&cd);
	}
	free_list(list, n);
	CHECK_EQ("asm-rt-all", trips, done);
	CHECK("asm-rt-some", done >= 300);
	if (verbose())
		printf("# %d of %d files with -- asm round-trip (%d also match "
		       "-- raw)\n", trips, done, raws);
}

/* ---- (b) negative files -------------------------------------------------- */

/*
 * What the assembler must say about each negative file, beyond the file's
 * own `-- error` text.  NULL: the file assembles; its fault is found later
 * (error.data reads r0 before setting it: the loader; the other expects a
 * wrong result).
 */
static const struct {
	const char *file;
	const char *words;
} negative_expect[] = {
	{ "error.data", NULL },
	{ "incorrect_return_value_high_bits.data", NULL },
	{ "invalid_imm32_dec_range.data", "line 2: Immediate out of range" },
	{ "invalid_imm32_hex_range.data", "line 2: Immediate out of range" },
	{ "invalid_label.data", "line 1: Invalid label 'NOT_A_LABEL'" },
	{ "invalid_lock.data", "line 1: Invalid number of operands for lock" },
	{ "invalid_lock2.data", "line 1: Invalid number of operands for lock" },
	{ "invalid_mnemonic.data", "line 2: Invalid mnemonic 'ldxq'" },
	{ "invalid_offset.data", "line 1: Invalid memory operand '%r1'" },
	{ "invalid_offset_range.data", "line 2: Offset out of range" },
	{ "invalid_operand_count.data", "Invalid number of operands for lddw" },
	{ "invalid_register.data", "line 1: Invalid register '%r50'" },
};

static bool negative_listed(const char *file, const char **words)
{
	for (size_t i = 0; i < sizeof(negative_expect) / sizeof(negative_expect[0]); i++) {
		if (!strcmp(negative_expect[i].file, file)) {
			*words = negative_expect[i].words;
			return true;
		}
	}
	return false;
}

/*
 * The raw negative files set fields that must be zero: the disassembler
 * prints them, except where the field picks a variant (mov with off 1 is no
 * movsx), which it calls an invalid instruction, never an invalid opcode.
 */
static bool negative_raw_prints(const char *file, const struct bh_cdata *cd)
{
	char buf[128];
	int ret = 0;

	for (size_t pc = 0; pc < cd->raw_cnt; pc += ret > 0 ? (size_t)ret : 1) {
		ret = bh_disasm__insn(cd->raw, cd->raw_cnt, pc, BH_DISASM_KERNEL,
				      buf, sizeof(buf));
		if (ret < 0 && !strstr(buf, "invalid instruction")) {
			fprintf(stderr, "  %s: %s\n", file, buf);
			return false;
		}
		if (ret < 0 && verbose())
			printf("# %s: disassembler: %s\n", file, buf);
	}
	return true;
}

/* One negative file with `-- asm`; returns whether the assembler refused. */
static bool negative_asm(const char *file, const struct bh_cdata *cd)
{
	struct bpf_insn *insns = NULL;
	const char *words = NULL;
	char err[ERR_SZ] = "";
	size_t cnt = 0;
	bool listed = negative_listed(file, &words);
	int ret = bh_asm__parse(cd->asm_text, &insns, &cnt, err, sizeof(err));

	free(insns);
	if (listed && !words) {
		CHECK("asm-neg-later", ret == 0);
		if (verbose())
			printf("# %s: assembles; refused later\n", file);
		return false;
	}
	CHECK("asm-neg-refused", ret == -EINVAL);
	CHECK("asm-neg-listed", listed);
	if (words && !strstr(err, words))
		fprintf(stderr, "  %s: '%s' lacks '%s'\n", file, err, words);
	CHECK("asm-neg-words", !words || strstr(err, words));
	if (cd->has_error && cd->error[0])
		CHECK("asm-neg-error-text", strstr(err, cd->error));
	if (verbose())
		printf("# %s: assembler refuses: %s\n", file, err);
	return ret != 0;
}

static void test_asm__negative_files(void)
{
	struct dirent **list = NULL;
	char dir[512], path[1024];
	int n, refused = 0;

	if (!suite_dir("negative", dir, sizeof(dir)))
		SKIP("no bpf_conformance suite at %s", dir);
	n = list_data(dir, &list);
	REQUIRE("asm-neg-list", n > 0);
	for (int i = 0; i < n; i++) {
		const char *file = list[i]->d_name;
		struct bh_cdata cd;
		int ret;

		snprintf(path, sizeof(path), "%s/%s", dir, file);
		ret = bh_cdata_load(path, &cd);
		if (ret) {
			/* invalid_unknown_directive.data: "-- Unknown directive" */
			CHECK("asm-neg-reader", strstr(cd.why, "unknown section"));
			if (verbose())
				printf("# %s: data reader refuses: %s\n", file, cd.why);
		} else if (cd.has_asm) {
			refused += negative_asm(file, &cd);
		} else if (cd.has_raw) {
			/* reserved fields are the loader's business: still text */
			CHECK("asm-neg-raw-text", negative_raw_prints(file, &cd));
		}
		if (!ret && !cd.has_asm && verbose()) {
			printf("# %s: no asm (%s)\n", file,
			       cd.has_raw ? "raw, for the loader" : "empty");
		}
		bh_cdata_free(&cd);
	}
	free_list(list, n);
	CHECK_EQ("asm-neg-count", refused, 10);
}

/* ---- (c) kernel syntax --------------------------------------------------- */

static const struct {
	const char *asm_text;
	const char *kernel;
} kernel_expect[] = {
	{ "mov %r0, 0", "r0 = 0" },
	{ "mov32 %r0, 1", "w0 = 1" },
	{ "mov %r1, -1", "r1 = -1" },
	{ "mov %r2, %r3", "r2 = r3" },
	{ "mov32 %r2, %r3", "w2 = w3" },
	{ "add %r0, %r1", "r0 += r1" },
	{ "add32 %r2, -3", "w2 += -3" },
	{ "sub %r1, 2", "r1 -= 2" },
	{ "mul %r1, %r2", "r1 *= r2" },
	{ "div %r1, 3", "r1 /= 3" },
	{ "or32 %r1, %r2", "w1 |= w2" },
	{ "and %r1, 0xff", "r1 &= 255" },
	{ "lsh %r1, 3", "r1 <<= 3" },
	{ "rsh32 %r1, %r2", "w1 >>= w2" },
	{ "arsh %r1, 1", "r1 s>>= 1" },
	{ "xor %r1, %r2", "r1 ^= r2" },
	{ "mod %r1, %r2", "r1 %= r2" },
	{ "neg %r0", "r0 = -r0" },
	{ "neg32 %r3", "w3 = -w3" },
	{ "sdiv %r0, %r1", "r0 s/= r1" },
	{ "sdiv32 %r0, %r1", "w0 s/= w1" },
	{ "smod %r0, 3", "r0 s%= 3" },
	{ "smod32 %r4, %r5", "w4 s%= w5" },
	{ "movsx864 %r0, %r1", "r0 = (s8)r1" },
	{ "movsx1664 %r0, %r1", "r0 = (s16)r1" },
	{ "movsx3264 %r0, %r1", "r0 = (s32)r1" },
	{ "movsx832 %r0, %r1", "w0 = (s8)w1" },
	{ "movsx1632 %r0, %r1", "w0 = (s16)w1" },
	{ "be16 %r0", "r0 = be16 r0" },
	{ "be64 %r2", "r2 = be64 r2" },
	{ "le32 %r0", "r0 = le32 r0" },
	{ "bswap16 %r0", "r0 = bswap16 r0" },
	{ "swap64 %r1", "r1 = bswap64 r1" },
	{ "ldxw %r0, [%r1+4]", "r0 = *(u32 *)(r1 +4)" },
	{ "ldxh %r0, [%r1]", "r0 = *(u16 *)(r1 +0)" },
	{ "ldxb %r0, [%r10-1]", "r0 = *(u8 *)(r10 -1)" },
	{ "ldxdw %r9, [%r2+0x10]", "r9 = *(u64 *)(r2 +16)" },
	{ "ldxsb %r0, [%r1-2]", "r0 = *(s8 *)(r1 -2)" },
	{ "ldxsh %r0, [%r1+2]", "r0 = *(s16 *)(r1 +2)" },
	{ "ldxsw %r0, [%r1+4]", "r0 = *(s32 *)(r1 +4)" },
	{ "stxdw [%r10-8], %r1", "*(u64 *)(r10 -8) = r1" },
	{ "stxw [%r10-4], %r2", "*(u32 *)(r10 -4) = r2" },
	{ "stxh [%r1+2], %r2", "*(u16 *)(r1 +2) = r2" },
	{ "stxb [%r1], %r2", "*(u8 *)(r1 +0) = r2" },
	{ "stw [%r10-8], 5", "*(u32 *)(r10 -8) = 5" },
	{ "stdw [%r10-8], 0x7fffffff", "*(u64 *)(r10 -8) = 2147483647" },
	{ "sth [%r1+6], 1", "*(u16 *)(r1 +6) = 1" },
	{ "stb [%r1+1], -1", "*(u8 *)(r1 +1) = -1" },
	{ "lock add [%r10-8], %r1", "lock *(u64 *)(r10 -8) += r1" },
	{ "lock or32 [%r10-8], %r1", "lock *(u32 *)(r10 -8) |= r1" },
	{ "lock and [%r10-8], %r1", "lock *(u64 *)(r10 -8) &= r1" },
	{ "lock xor32 [%r10-4], %r3", "lock *(u32 *)(r10 -4) ^= r3" },
	{ "lock fetch add [%r10-8], %r1",
	  "r1 = atomic64_fetch_add((u64 *)(r10 -8), r1)" },
	{ "lock fetch add32 [%r10-8], %r1",
	  "r1 = atomic_fetch_add((u32 *)(r10 -8), r1)" },
	{ "lock fetch or [%r10-8], %r2",
	  "r2 = atomic64_fetch_or((u64 *)(r10 -8), r2)" },
	{ "lock fetch and32 [%r10-8], %r2",
	  "r2 = atomic_fetch_and((u32 *)(r10 -8), r2)" },
	{ "lock fetch xor32 [%r10-4], %r2",
	  "r2 = atomic_fetch_xor((u32 *)(r10 -4), r2)" },
	{ "lock xchg [%r10-8], %r1", "r1 = atomic64_xchg((u64 *)(r10 -8), r1)" },
	{ "lock xchg32 [%r10-8], %r1", "r1 = atomic_xchg((u32 *)(r10 -8), r1)" },
	{ "lock cmpxchg [%r10-8], %r1",
	  "r0 = atomic64_cmpxchg((u64 *)(r10 -8), r0, r1)" },
	{ "lock cmpxchg32 [%r10-8], %r1",
	  "r0 = atomic_cmpxchg((u32 *)(r10 -8), r0, r1)" },
	{ "lddw %r0, 0x1122334455667788", "r0 = 0x1122334455667788" },
	{ "lddw %r3, 1", "r3 = 0x1" },
	{ "lddw %r1, map[fd:3]", "r1 = map[fd:3]" },
	{ "lddw %r1, map[fd:3][0]+16", "r1 = map[fd:3][0]+16" },
	{ "lddw %r1, map[idx:2]", "r1 = map[idx:2]" },
	{ "lddw %r1, map[idx:2]+8", "r1 = map[idx:2]+8" },
	{ "lddw %r1, btf_id[7]", "r1 = btf_id[7]" },
	{ "lddw %r2, subprog[+5]", "r2 = subprog[+5]" },
	{ "ldabsb 3", "r0 = *(u8 *)skb[3]" },
	{ "ldabsw 12", "r0 = *(u32 *)skb[12]" },
	{ "ldindh %r1, 4", "r0 = *(u16 *)skb[r1 + 4]" },
	{ "ja +3", "goto pc+3" },
	{ "ja -1", "goto pc-1" },
	{ "ja32 +3", "gotol pc+3" },
	{ "jeq %r0, 1, +2", "if r0 == 0x1 goto pc+2" },
	{ "jsgt32 %r0, %r1, -4", "if w0 s> w1 goto pc-4" },
	{ "jset %r0, 3, +1", "if r0 & 0x3 goto pc+1" },
	{ "jne %r1, -1, +0", "if r1 != 0xffffffff goto pc+0" },
	{ "jgt %r1, %r2, +1", "if r1 > r2 goto pc+1" },
	{ "jge32 %r1, 7, +1", "if w1 >= 0x7 goto pc+1" },
	{ "jlt %r1, %r2, +1", "if r1 < r2 goto pc+1" },
	{ "jle %r1, 8, +1", "if r1 <= 0x8 goto pc+1" },
	{ "jsge %r1, %r2, +1", "if r1 s>= r2 goto pc+1" },
	{ "jslt32 %r1, %r2, +1", "if w1 s< w2 goto pc+1" },
	{ "jsle %r1, 0, +1", "if r1 s<= 0x0 goto pc+1" },
	{ "jeq32 %r1, %r2, +1", "if w1 == w2 goto pc+1" },
	{ "call local +5", "call pc+5" },
	{ "call 5", "call bpf_ktime_get_ns#5" },
	{ "call 1", "call bpf_map_lookup_elem#1" },
	{ "call 100000", "call unknown#100000" },
	{ "call kfunc 8", "call bpf_dynptr_size#8" }, /* bpfhost's kfunc ids */
	{ "call kfunc 7000", "call kernel-function#7000" },
	{ "call %r2", "callx r2" },
	{ "exit", "exit" },
};

static void test_asm__kernel_syntax(void)
{
	char out[128];

	for (size_t i = 0; i < sizeof(kernel_expect) / sizeof(kernel_expect[0]); i++) {
		int ret = asm_then_disasm(kernel_expect[i].asm_text,
					  BH_DISASM_KERNEL, out, sizeof(out));

		if (ret || strcmp(out, kernel_expect[i].kernel))
			fprintf(stderr, "  '%s' -> '%s', want '%s'\n",
				kernel_expect[i].asm_text, out,
				kernel_expect[i].kernel);
		CHECK("asm-kernel-text", !ret && !strcmp(out, kernel_expect[i].kernel));
	}
}

/* The same instructions in the assembler's syntax, single-instruction. */
static void test_asm__asm_syntax(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "mov %r0, 0xffffffff", "mov %r0, -1" },
		{ "ldxdw %r0, [%r1+0]", "ldxdw %r0, [%r1]" },
		{ "stb [ %r1 + 0x10 ], 0x7f", "stb [%r1+16], 127" },
		{ "swap16 %r0", "bswap16 %r0" },
		{ "call %r2", "call %r2" },
		{ "call local -3", "call local -3" },
		{ "lock fetch add32 [%r10-4], %r1", "lock fetch add32 [%r10-4], %r1" },
		{ "lddw %r1, map[fd:3][0]+16", "lddw %r1, map[fd:3][0]+16" },
		{ "lddw %r0, -1", "lddw %r0, 0xffffffffffffffff" },
		{ "jeq32 %r0, 0xffffff80, +2", "jeq32 %r0, -128, +2" },
		{ "movsx3264 %r0, %r9", "movsx3264 %r0, %r9" },
		{ "ldindb %r2, -1", "ldindb %r2, -1" },
	};
	char out[128];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int ret = asm_then_disasm(cases[i].in, BH_DISASM_ASM, out,
					  sizeof(out));

		if (ret || strcmp(out, cases[i].out))
			fprintf(stderr, "  '%s' -> '%s', want '%s'\n",
				cases[i].in, out, cases[i].out);
		CHECK("asm-asm-text", !ret && !strcmp(out, cases[i].out));
	}
}

/* Every kernel-table instruction also survives the assembler syntax. */
static void test_asm__table_round_trip(void)
{
	for (size_t i = 0; i < sizeof(kernel_expect) / sizeof(kernel_expect[0]); i++) {
		struct bpf_insn *a = NULL, *b = NULL;
		size_t a_cnt = 0, b_cnt = 0;
		char text[128], err[ERR_SZ] = "";
		int ret;

		ret = bh_asm__parse(kernel_expect[i].asm_text, &a, &a_cnt, err,
				    sizeof(err));
		REQUIRE("asm-table-rt-parse", ret == 0);
		ret = bh_disasm__insn(a, a_cnt, 0, BH_DISASM_ASM, text,
				      sizeof(text));
		CHECK_EQ("asm-table-rt-slots", ret, (int)a_cnt);
		ret = bh_asm__parse(text, &b, &b_cnt, err, sizeof(err));
		if (ret || !same_insns(a, a_cnt, b, b_cnt))
			fprintf(stderr, "  '%s' -> '%s': %s\n",
				kernel_expect[i].asm_text, text, err);
		CHECK("asm-table-rt-same", !ret && same_insns(a, a_cnt, b, b_cnt));
		free(a);
		free(b);
	}
}

/* ---- Encodings ----------------------------------------------------------- */

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = c, .dst_reg = d, .src_reg = s, .off = o, .imm = i })

static void test_asm__encodings(void)
{
	static const struct {
		const char *text;
		struct bpf_insn want[2];
		size_t cnt;
	} cases[] = {
		{ "mov32 %r0, 0xffffffff", { INSN(0xb4, 0, 0, 0, -1) }, 1 },
		{ "mov32 %r0, -2147483648", { INSN(0xb4, 0, 0, 0, INT32_MIN) }, 1 },
		{ "mov32 %r0, -0x80000000", { INSN(0xb4, 0, 0, 0, INT32_MIN) }, 1 },
		{ "add %r10, +7", { INSN(0x07, 10, 0, 0, 7) }, 1 },
		{ "lddw %r0, -1", { INSN(0x18, 0, 0, 0, -1), INSN(0, 0, 0, 0, -1) }, 2 },
		{ "lddw %r1, 18446744073709551615",
		  { INSN(0x18, 1, 0, 0, -1), INSN(0, 0, 0, 0, -1) }, 2 },
		{ "lddw %r0, 0x1122334455667788",
		  { INSN(0x18, 0, 0, 0, 0x55667788), INSN(0, 0, 0, 0, 0x11223344) }, 2 },
		{ "lddw %r1, map[fd:3][0]+16",
		  { INSN(0x18, 1, 2, 0, 3), INSN(0, 0, 0, 0, 16) }, 2 },
		{ "ldxb %r0, [%r1-32768]", { INSN(0x71, 0, 1, -32768, 0) }, 1 },
		{ "ldxb %r0, [ %r1 + 0x10 ]", { INSN(0x71, 0, 1, 16, 0) }, 1 },
		{ "ldxsw %r2, [%r3+4]", { INSN(0x81, 2, 3, 4, 0) }, 1 },
		{ "stdw [%r10-8], 1", { INSN(0x7a, 10, 0, -8, 1) }, 1 },
		{ "stxh [%r10-8], %r4", { INSN(0x6b, 10, 4, -8, 0) }, 1 },
		{ "lock add32 [%r10-4], %r1", { INSN(0xc3, 10, 1, -4, 0x00) }, 1 },
		{ "lock fetch add [%r10-8], %r1", { INSN(0xdb, 10, 1, -8, 0x01) }, 1 },
		{ "lock fetch or [%r10-8], %r1", { INSN(0xdb, 10, 1, -8, 0x41) }, 1 },
		{ "lock xchg32 [%r10-8], %r1", { INSN(0xc3, 10, 1, -8, 0xe1) }, 1 },
		{ "lock cmpxchg [%r10-8], %r1", { INSN(0xdb, 10, 1, -8, 0xf1) }, 1 },
		{ "movsx864 %r0, %r1", { INSN(0xbf, 0, 1, 8, 0) }, 1 },
		{ "movsx1632 %r0, %r1", { INSN(0xbc, 0, 1, 16, 0) }, 1 },
		{ "sdiv32 %r0, 3", { INSN(0x34, 0, 0, 1, 3) }, 1 },
		{ "smod %r0, %r1", { INSN(0x9f, 0, 1, 1, 0) }, 1 },
		{ "bswap16 %r0", { INSN(0xd7, 0, 0, 0, 16) }, 1 },
		{ "swap32 %r0", { INSN(0xd7, 0, 0, 0, 32) }, 1 },
		{ "be16 %r0", { INSN(0xdc, 0, 0, 0, 16) }, 1 },
		{ "le64 %r0", { INSN(0xd4, 0, 0, 0, 64) }, 1 },
		{ "ldabsw 3", { INSN(0x20, 0, 0, 0, 3) }, 1 },
		{ "ldindb %r1, 2", { INSN(0x50, 0, 1, 0, 2) }, 1 },
		{ "call 5", { INSN(0x85, 0, 0, 0, 5) }, 1 },
		{ "call %r2", { INSN(0x8d, 2, 0, 0, 0) }, 1 },
		{ "call kfunc 9", { INSN(0x85, 0, 2, 0, 9) }, 1 },
		{ "call local f\nf: exit", { INSN(0x85, 0, 1, 0, 0), INSN(0x95, 0, 0, 0, 0) }, 2 },
		{ "ja32 L\nL:\nexit", { INSN(0x06, 0, 0, 0, 0), INSN(0x95, 0, 0, 0, 0) }, 2 },
		{ "L: exit # comment\nja L", { INSN(0x95, 0, 0, 0, 0), INSN(0x05, 0, 0, -2, 0) }, 2 },
		/* The suite's assembler names the first exit "exit". */
		{ "ja exit\nexit", { INSN(0x05, 0, 0, 0, 0), INSN(0x95, 0, 0, 0, 0) }, 2 },
		{ "jne32 %r1, %r2, +1\r\nexit\r\n",
		  { INSN(0x5e, 1, 2, 1, 0), INSN(0x95, 0, 0, 0, 0) }, 2 },
		{ "jeq %r1, 0x10, done\ndone:", { INSN(0x15, 1, 0, 0, 0x10) }, 1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bpf_insn *insns = NULL;
		char err[ERR_SZ] = "";
		size_t cnt = 0;
		int ret = bh_asm__parse(cases[i].text, &insns, &cnt, err, sizeof(err));
		bool same = !ret && same_insns(insns, cnt, cases[i].want, cases[i].cnt);

		if (!same)
			fprintf(stderr, "  case %zu '%s': %s\n", i, cases[i].text, err);
		CHECK("asm-enc-same", same);
		free(insns);
	}
}

/* ---- Assembler errors ---------------------------------------------------- */

static void test_asm__errors(void)
{
	static const struct {
		const char *text, *words;
	} cases[] = {
		{ "mov %r11, 1", "line 1: Invalid register '%r11'" },
		{ "mov r1, 1", "line 1: Invalid register 'r1'" },
		{ "exit\nldxq %r0, %r1", "line 2: Invalid mnemonic 'ldxq'" },
		{ "add %r0", "line 1: Invalid number of operands for add: expected 2, got 1" },
		{ "exit 1", "Invalid number of operands for exit" },
		{ "add %r0, 1,", "Invalid number of operands for add" },
		{ "ja nowhere\nexit", "line 1: Invalid label 'nowhere'" },
		{ "ja 5\nexit", "line 1: Invalid label '5'" },
		{ "mov32 %r0, 2147483648", "Immediate out of range '2147483648'" },
		{ "mov32 %r0, -2147483649", "Immediate out of range" },
		{ "mov32 %r0, 0x100000000", "Immediate out of range" },
		{ "mov32 %r0, 99999999999999999999999", "Immediate out of range" },
		{ "mov %r0, 1 2", "Invalid immediate '1 2'" },
		{ "mov %r0, --1", "Invalid immediate '--1'" },
		{ "mov %r0, 0x", "Invalid immediate '0x'" },
		{ "lddw %r0, -0x8000000000000001", "Immediate out of range" },
		{ "lddw %r0, 0x10000000000000000", "Immediate out of range" },
		{ "lddw %r0, map[fd:3", "Invalid lddw operand 'map[fd:3'" },
		{ "lddw %r0, map[fd:3]+1", "Invalid lddw operand" },
		{ "ldxb %r0, [%r1+32768]", "Offset out of range '+32768'" },
		{ "ldxb %r0, [%r1-32769]", "Offset out of range" },
		{ "ldxb %r0, [%r1+0xffff]", "Offset out of range" },
		{ "ldxb %r0, [%r1+x]", "Invalid offset '+x'" },
		{ "ldxb %r0, %r1", "Invalid memory operand '%r1'" },
		{ "ja +32768", "Offset out of range '+32768'" },
		{ "ja32 +2147483648", "Offset out of range" },
		{ "x:\nx:\nexit", "line 2: Duplicate label 'x' (first defined on line 1)" },
		{ "1abc:\nexit", "line 1: Invalid label name '1abc'" },
		{ "lock foo [%r10-8], %r1", "Invalid mnemonic 'lock foo'" },
		{ "lock", "line 1: Invalid number of operands for lock" },
		{ "lock fetch", "Invalid number of operands for lock" },
		{ "lock xchg [%r10-8]", "Invalid number of operands for lock xchg" },
		{ "stw [%r1+2], %r3", "Invalid immediate '%r3'" },
		{ "stxw [%r1+2], 3", "Invalid register '3'" },
		{ "movsx864 %r0, 5", "Invalid register '5'" },
		{ "call local", "Invalid number of operands for call local" },
		{ "\n\nexit\nfoo", "line 4: Invalid mnemonic 'foo'" },
		{ "ldabsdw 3", "Invalid mnemonic 'ldabsdw'" },
		{ "", "No instructions" },
		{ "# nothing\n\nL:\n", "No instructions" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bpf_insn *insns = (struct bpf_insn *)&cases;
		size_t cnt = 77;
		char err[ERR_SZ] = "";
		int ret = bh_asm__parse(cases[i].text, &insns, &cnt, err, sizeof(err));

		if (ret != -EINVAL || !strstr(err, cases[i].words))
			fprintf(stderr, "  '%s': %d '%s', want '%s'\n",
				cases[i].text, ret, err, cases[i].words);
		CHECK("asm-err-code", ret == -EINVAL && errno == EINVAL);
		CHECK("asm-err-words", strstr(err, cases[i].words));
		/* the outputs are untouched on failure */
		CHECK("asm-err-untouched", insns == (struct bpf_insn *)&cases && cnt == 77);
	}
}

/* "<first>" then @pad exits then "far: exit". */
static char *far_text(const char *first, size_t pad)
{
	char *text = malloc(strlen(first) + pad * 5 + 16), *p = text;

	if (!text)
		return NULL;
	p += sprintf(p, "%s\n", first);
	for (size_t i = 0; i < pad; i++)
		p += sprintf(p, "exit\n");
	sprintf(p, "far: exit\n");
	return text;
}

/* Far labels: 16-bit offsets overflow, 32-bit targets do not. */
static void test_asm__far_label(void)
{
	const size_t pad = 40000;
	char *ja = far_text("ja far", pad), *ja32 = far_text("ja32 far", pad);
	struct bpf_insn *insns = NULL;
	char err[ERR_SZ] = "";
	size_t cnt = 0;

	REQUIRE("asm-far-alloc", ja && ja32);
	CHECK("asm-far-ja", bh_asm__parse(ja, &insns, &cnt, err, sizeof(err)) == -EINVAL);
	CHECK("asm-far-ja-words", strstr(err, "line 1: Offset out of range: label 'far'"));
	CHECK("asm-far-ja32", bh_asm__parse(ja32, &insns, &cnt, err, sizeof(err)) == 0);
	CHECK_EQ("asm-far-ja32-imm", cnt ? insns[0].imm : 0, (int)pad);
	free(insns);
	free(ja);
	free(ja32);
}

/* ---- (d) bad inputs ------------------------------------------------------ */

static void test_asm__parse_bad_args(void)
{
	struct bpf_insn *insns = NULL;
	char err[ERR_SZ] = "";
	size_t cnt = 0;

	errno = 0;
	CHECK("asm-args-null-text", bh_asm__parse(NULL, &insns, &cnt, err, sizeof(err)) == -EINVAL);
	CHECK("asm-args-errno", errno == EINVAL);
	CHECK("asm-args-null-words", strstr(err, "No program text"));
	CHECK("asm-args-null-out", bh_asm__parse("exit", NULL, &cnt, err, sizeof(err)) == -EINVAL);
	CHECK("asm-args-null-cnt", bh_asm__parse("exit", &insns, NULL, err, sizeof(err)) == -EINVAL);
	CHECK("asm-args-empty", bh_asm__parse("", &insns, &cnt, NULL, 0) == -EINVAL);
	/* a tiny error buffer is truncated, still terminated */
	CHECK("asm-args-small-err", bh_asm__parse("bad", &insns, &cnt, err, 5) == -EINVAL);
	CHECK("asm-args-small-err-text", !strcmp(err, "line"));
	CHECK("asm-args-no-alloc", insns == NULL);
}

static void test_asm__disasm_truncated_lddw(void)
{
	struct bpf_insn insns[] = { INSN(0x18, 0, 0, 0, 1) };
	char buf[128];
	FILE *f = fopen("/dev/null", "w");

	CHECK_EQ("asm-trunc-ret", bh_disasm__insn(insns, 1, 0, BH_DISASM_KERNEL, buf, sizeof(buf)), -EINVAL);
	CHECK("asm-trunc-words", strstr(buf, "cut short"));
	REQUIRE("asm-trunc-devnull", f);
	CHECK_EQ("asm-trunc-prog", bh_disasm__prog(insns, 1, BH_DISASM_ASM, f), -EINVAL);
	fclose(f);
}

static void test_asm__disasm_invalid(void)
{
	static const struct {
		struct bpf_insn insn[2];
		const char *words;
	} cases[] = {
		{ { INSN(0xff, 0, 0, 0, 0) }, "invalid opcode 0xff" },
		{ { INSN(0x8c, 0, 0, 0, 0) }, "invalid opcode 0x8c" }, /* neg32 X */
		{ { INSN(0xdf, 0, 0, 0, 16) }, "invalid opcode 0xdf" }, /* bswap X */
		{ { INSN(0x38, 0, 0, 0, 0) }, "invalid opcode 0x38" },  /* ldabsdw */
		{ { INSN(0xd3, 0, 0, 0, 0) }, "invalid opcode 0xd3" },  /* atomic u8 */
		{ { INSN(0x3f, 0, 1, 2, 0) }, "opcode 0x3f with src_reg 1, off 2" },
		{ { INSN(0xbf, 0, 1, 7, 0) }, "invalid instruction: opcode 0xbf" },
		{ { INSN(0xbc, 0, 1, 32, 0) }, "invalid instruction" }, /* movsx3232 */
		{ { INSN(0xd4, 0, 0, 0, 17) }, "imm 17" },
		{ { INSN(0xdb, 10, 1, -8, 0x02) }, "invalid instruction" },
		{ { INSN(0x85, 0, 3, 0, 1) }, "src_reg 3" },
		{ { INSN(0x18, 0, 7, 0, 1), INSN(0, 0, 0, 0, 0) }, "source 7" },
		{ { INSN(0x18, 0, 0, 0, 1), INSN(0x95, 0, 0, 0, 0) }, "second slot" },
		{ { INSN(0xbf, 11, 1, 0, 0) }, "invalid register r11" },
		{ { INSN(0x1d, 1, 15, 0, 0) }, "invalid register r15" },
		{ { INSN(0x8d, 12, 0, 0, 0) }, "invalid register r12" },
	};
	char buf[128];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int ret = bh_disasm__insn(cases[i].insn, 2, 0, BH_DISASM_ASM, buf,
					  sizeof(buf));

		if (ret != -EINVAL || !strstr(buf, cases[i].words))
			fprintf(stderr, "  case %zu: %d '%s'\n", i, ret, buf);
		CHECK("asm-inv-ret", ret == -EINVAL);
		CHECK("asm-inv-words", strstr(buf, cases[i].words));
	}
}

static void test_asm__disasm_bad_args(void)
{
	struct bpf_insn insns[] = { INSN(0xb7, 0, 0, 0, 7), INSN(0x95, 0, 0, 0, 0) };
	char buf[8];

	CHECK_EQ("asm-dargs-pc", bh_disasm__insn(insns, 2, 2, 0, buf, sizeof(buf)), -EINVAL);
	CHECK_EQ("asm-dargs-null", bh_disasm__insn(NULL, 2, 0, 0, buf, sizeof(buf)), -EINVAL);
	CHECK_EQ("asm-dargs-syntax", bh_disasm__insn(insns, 2, 0, 9, buf, sizeof(buf)), -EINVAL);
	CHECK_EQ("asm-dargs-nullbuf", bh_disasm__insn(insns, 2, 0, 0, NULL, 4), -EINVAL);
	/* no buffer at all: just the slot count */
	CHECK_EQ("asm-dargs-nobuf", bh_disasm__insn(insns, 2, 0, 0, NULL, 0), 1);
	/* truncated to fit, terminated */
	CHECK_EQ("asm-dargs-small", bh_disasm__insn(insns, 2, 0, 0, buf, 4), 1);
	CHECK("asm-dargs-small-text", !strcmp(buf, "r0 "));
	CHECK_EQ("asm-dargs-prog-null", bh_disasm__prog(insns, 2, 0, NULL), -EINVAL);
	CHECK_EQ("asm-dargs-prog-syntax", bh_disasm__prog(insns, 2, 5, stdout), -EINVAL);
}

static void test_asm__disasm_prog_io_error(void)
{
	struct bpf_insn insns[] = { INSN(0x95, 0, 0, 0, 0) };
	FILE *f = fopen("/dev/null", "r"); /* writes fail */

	REQUIRE("asm-io-open", f);
	CHECK_EQ("asm-io-kernel", bh_disasm__prog(insns, 1, BH_DISASM_KERNEL, f), -EIO);
	CHECK_EQ("asm-io-asm", bh_disasm__prog(insns, 1, BH_DISASM_ASM, f), -EIO);
	fclose(f);
}

/* ---- Whole programs ------------------------------------------------------ */

static void test_asm__prog_kernel(void)
{
	const char *src = "mov %r0, 0\nlddw %r1, 0x1122334455667788\n"
			  "jeq %r1, 3, +1\ncall local +0\nexit\n";
	const char *want = "   0: (b7) r0 = 0\n"
			   "   1: (18) r1 = 0x1122334455667788\n"
			   "   3: (15) if r1 == 0x3 goto pc+1\n"
			   "   4: (85) call pc+0\n"
			   "   5: (95) exit\n";
	struct bpf_insn *insns = NULL;
	char err[ERR_SZ], *text = NULL;
	size_t cnt = 0;

	REQUIRE("asm-pk-parse", !bh_asm__parse(src, &insns, &cnt, err, sizeof(err)));
	CHECK_EQ("asm-pk-ret", disasm_to_string(insns, cnt, BH_DISASM_KERNEL, &text), 0);
	if (text && strcmp(text, want))
		fprintf(stderr, "%s", text);
	CHECK("asm-pk-text", text && !strcmp(text, want));
	free(text);
	free(insns);
}

/*
 * Labels in the assembler syntax: forward and backward jumps, a local call,
 * a subprog address, a jump to the end; a jump into the middle of an
 * ld_imm64 cannot have a label and stays numeric.
 */
static void test_asm__prog_asm_labels(void)
{
	const struct bpf_insn insns[] = {
		INSN(0x15, 1, 0, 2, 0),       /* 0: jeq r1, 0, -> 3 */
		INSN(0x18, 2, 4, 0, 3),       /* 1: lddw r2, subprog -> 5 */
		INSN(0, 0, 0, 0, 0),          /* 2 */
		INSN(0x05, 0, 0, -2, 0),      /* 3: ja -> 2 (mid lddw) */
		INSN(0x85, 0, 1, 0, 0),       /* 4: call local -> 5 */
		INSN(0x06, 0, 0, 0, 1),       /* 5: ja32 -> 7 (end) */
		INSN(0x05, 0, 0, -7, 0),      /* 6: ja -> 0 */
	};
	const char *want = "L0:\n"
			   "jeq %r1, 0, L3\n"
			   "lddw %r2, subprog[L5]\n"
			   "L3:\n"
			   "ja -2\n"
			   "call local L5\n"
			   "L5:\n"
			   "ja32 L7\n"
			   "ja L0\n"
			   "L7:\n";
	size_t cnt = sizeof(insns) / sizeof(insns[0]), back_cnt = 0;
	struct bpf_insn *back = NULL;
	char err[ERR_SZ] = "", *text = NULL;

	CHECK_EQ("asm-pl-ret", disasm_to_string(insns, cnt, BH_DISASM_ASM, &text), 0);
	REQUIRE("asm-pl-text", text);
	if (strcmp(text, want))
		fprintf(stderr, "%s", text);
	CHECK("asm-pl-exact", !strcmp(text, want));
	CHECK("asm-pl-parse", !bh_asm__parse(text, &back, &back_cnt, err, sizeof(err)));
	CHECK("asm-pl-same", same_insns(insns, cnt, back, back_cnt));
	free(back);
	free(text);
}

/* The disassembler and exec/opcodes.def agree on what an opcode is. */
static void test_asm__opcodes_match_exec(void)
{
	bool in_def[256] = { false };

#define BH_OP(code, label) in_def[code] = true;
#include "exec/opcodes.def"
#undef BH_OP
	for (int code = 0; code < 256; code++) {
		if (isa_opcode_known((uint8_t)code) != in_def[code])
			fprintf(stderr, "  opcode 0x%02x: table %d, opcodes.def %d\n",
				code, isa_opcode_known((uint8_t)code), in_def[code]);
		CHECK("asm-opcodes-agree", isa_opcode_known((uint8_t)code) == in_def[code]);
	}
}

/* ---- The .data reader ---------------------------------------------------- */

static int load_string(const char *content, struct bh_cdata *cd)
{
	char path[] = "/tmp/bh_cdata_XXXXXX";
	int fd = mkstemp(path), ret;
	size_t len = strlen(content);

	if (fd < 0)
		return -errno;
	ret = write(fd, content, len) == (ssize_t)len ? 0 : -EIO;
	close(fd);
	if (!ret)
		ret = bh_cdata_load(path, cd);
	unlink(path);
	return ret;
}

static void test_asm__data_reader(void)
{
	const char *file = "# header comment\n-- c\nint x;\n"
			   "-- asm\nmov %r0, 1 # one\n\nexit\n"
			   "-- raw\n0x00000001000000b7\n"
			   "95 00 00 00 00 00 00 00 # exit\n"
			   "-- mem\n00 ff\n0a\n"
			   "-- no register offset\n"
			   "-- result\n7\n0x1122334455667788\n"
			   "-- error\r\nfirst\r\n\r\n  second  \r\n";
	struct bh_cdata cd;

	REQUIRE("asm-cd-load", load_string(file, &cd) == 0);
	CHECK("asm-cd-flags", cd.has_asm && cd.has_raw && cd.has_mem &&
				      cd.has_result && cd.has_error);
	CHECK("asm-cd-asm", cd.asm_text && !strcmp(cd.asm_text, "mov %r0, 1 # one\n\nexit\n"));
	CHECK_EQ("asm-cd-raw-cnt", cd.raw_cnt, 2);
	CHECK("asm-cd-raw-0", cd.raw_cnt == 2 && cd.raw[0].code == 0xb7 && cd.raw[0].imm == 1);
	CHECK("asm-cd-raw-1", cd.raw_cnt == 2 && cd.raw[1].code == 0x95);
	CHECK("asm-cd-mem", cd.mem_sz == 3 && cd.mem[0] == 0 && cd.mem[1] == 0xff && cd.mem[2] == 0x0a);
	CHECK("asm-cd-result", cd.result == 0x1122334455667788ULL);
	CHECK("asm-cd-error", cd.error && !strcmp(cd.error, "first\nsecond"));
	bh_cdata_free(&cd);

	CHECK_EQ("asm-cd-unknown", load_string("-- asm\nexit\n-- bogus\n", &cd), -EINVAL);
	CHECK("asm-cd-unknown-why", strstr(cd.why, "line 3: unknown section '-- bogus'"));
	bh_cdata_free(&cd);
	CHECK_EQ("asm-cd-badraw", load_string("-- raw\n07 00 01\n", &cd), -EINVAL);
	CHECK("asm-cd-badraw-why", strstr(cd.why, "line 2"));
	bh_cdata_free(&cd);
	CHECK_EQ("asm-cd-badmem", load_string("-- mem\nzz\n", &cd), -EINVAL);
	bh_cdata_free(&cd);
	CHECK_EQ("asm-cd-badresult", load_string("-- result\nx1\n", &cd), -EINVAL);
	bh_cdata_free(&cd);
	CHECK("asm-cd-noasm", load_string("# only a comment\n", &cd) == 0 &&
				      !cd.has_asm && !cd.asm_text);
	bh_cdata_free(&cd);
	CHECK_EQ("asm-cd-missing", bh_cdata_load("/nonexistent/x.data", &cd), -ENOENT);
	bh_cdata_free(&cd);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_asm__conformance_round_trip),
	BH_TEST(test_asm__negative_files),
	BH_TEST(test_asm__kernel_syntax),
	BH_TEST(test_asm__asm_syntax),
	BH_TEST(test_asm__table_round_trip),
	BH_TEST(test_asm__encodings),
	BH_TEST(test_asm__errors),
	BH_TEST(test_asm__far_label),
	BH_TEST(test_asm__parse_bad_args),
	BH_TEST(test_asm__disasm_truncated_lddw),
	BH_TEST(test_asm__disasm_invalid),
	BH_TEST(test_asm__disasm_bad_args),
	BH_TEST(test_asm__disasm_prog_io_error),
	BH_TEST(test_asm__prog_kernel),
	BH_TEST(test_asm__prog_asm_labels),
	BH_TEST(test_asm__opcodes_match_exec),
	BH_TEST(test_asm__data_reader),
};

BH_TEST_MAIN(cases)
