/* SPDX-License-Identifier: MIT */
/*
 * tests/verifier/test_fuzz_soundness.c - soundness fuzzing of the
 * verifier: structured random programs (context, stack, map values, packet,
 * branches, helper calls, variable offsets with or without bounds checks,
 * dynptrs) go through bpfhost's verifier; every accepted program is then loaded
 * unverified in the interpreter's checked mode and run many times with
 * random inputs.  A checked-mode fault on an accepted program is a verifier
 * bug.  Where bpf() works, each program also goes to the kernel: bpfhost
 * accepting what the kernel refuses is reported (and fails the test).
 *
 * Bounded by time: BH_FUZZ_SECONDS (default 15), or by count:
 * BH_FUZZ_PROGRAMS=N stops after N programs (the time bound then applies
 * only when BH_FUZZ_SECONDS is set too).  BH_FUZZ_SEED picks the sequence.
 * BH_FUZZ_KERNEL=0 skips the kernel comparison (long runs: the soundness
 * oracle is the checked run, and the kernel's verifier takes most of the
 * time).  BH_FUZZ_UNPRIV=1 verifies as an unprivileged loader
 * (BH_PROG_LOAD_F_UNPRIV's rules); the kernel is then not asked, and
 * every program accepted must also be accepted privileged.  Prints
 * programs tried, accepted, flagged, the kernel's disagreements and where
 * the time went.
 */
#include <time.h>

#include "test.h"
#include "vharness.h"

struct gen {
	uint64_t rng;
	char *text;
	size_t len, cap;
	int label;
	int pending[8]; /* labels to place after later actions */
	int pending_cnt;
	bool xdp;
	bool has_callback; /* the kernel wants BTF for callbacks: not compared */
	char subs[4096]; /* subprograms, emitted after the main program */
	size_t subs_len;
	int sub_cnt;
};

static uint64_t rnd(struct gen *g)
{
	g->rng ^= g->rng << 13;
	g->rng ^= g->rng >> 7;
	g->rng ^= g->rng << 17;
	return g->rng;
}

static int pick(struct gen *g, int n)
{
	return (int)(rnd(g) % (uint64_t)n);
}

__attribute__((format(printf, 2, 3)))
static void emit(struct gen *g, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(g->text + g->len, g->cap - g->len, fmt, ap);
		va_end(ap);
		if ((size_t)n < g->cap - g->len)
			break;
		g->cap = g->cap * 2 + (size_t)n;
		g->text = realloc(g->text, g->cap);
	}
	g->len += (size_t)n;
}

static const char *const sz_s[] = { "b", "h", "w", "dw" };
static const char *const jops[] = { "jeq", "jne", "jgt", "jge", "jlt", "jle",
				    "jsgt", "jsge", "jslt", "jsle", "jset" };
static const char *const aops[] = { "add", "sub", "and", "or", "xor", "lsh",
				    "rsh", "arsh", "mul", "mov" };

/* A scalar in r9 or r0-r5: from the context, a constant or arithmetic. */
static void act_scalar(struct gen *g)
{
	int r = pick(g, 4) == 0 ? 9 : pick(g, 6);
	int k = pick(g, 5);

	if (k == 2 && !pick(g, 3)) {
		/* by a register that may be 0 or -1: the rewrites' guards */
		static const char *const dops[] = { "div", "sdiv", "mod", "smod" };

		emit(g, "%s%s %%r%d, %%r%d\n", dops[pick(g, 4)], pick(g, 2) ? "" : "32",
		     r, pick(g, 2) ? 9 : pick(g, 6));
	} else if (k == 0 && g->xdp)
		emit(g, "ldxw %%r%d, [%%r6%+d]\n", r, 12 + 4 * pick(g, 2));
	else if (k == 0)
		emit(g, "ldx%s %%r%d, [%%r6%+d]\n", sz_s[pick(g, 4)], r, 8 * pick(g, 8));
	else if (k == 1)
		emit(g, "mov %%r%d, %d\n", r, pick(g, 3) ? pick(g, 64) - 8 : (int)rnd(g));
	else {
		const char *op = aops[pick(g, 10)];
		bool shift = !strncmp(op, "lsh", 3) || !strncmp(op, "rsh", 3) ||
			     !strncmp(op, "arsh", 4);

		emit(g, "%s%s %%r%d, %d\n", op, pick(g, 3) ? "" : "32", r,
		     shift ? pick(g, 32) : pick(g, 40) - 4);
	}
}

/* r1 = fp + off, maybe plus a masked scalar; then access it. */
static void act_stack(struct gen *g)
{
	int s = pick(g, 4), off = -8 * (1 + pick(g, 66)) + (pick(g, 8) ? 0 : pick(g, 8));

	emit(g, "mov %%r1, %%r10\nadd %%r1, %d\n", off);
	if (!pick(g, 4))
		emit(g, "mov %%r2, %%r9\nand %%r2, %d\nadd %%r1, %%r2\n", pick(g, 4) ? 0x18 : 0x1f);
	if (pick(g, 2))
		emit(g, "st%s [%%r1+0], %d\n", sz_s[s], pick(g, 100));
	else
		emit(g, "ldx%s %%r0, [%%r1+0]\n", sz_s[s]);
}

static void act_map(struct gen *g)
{
	int m = pick(g, 3), idx, l = g->label++;
	int s = pick(g, 4), off = pick(g, 20) - 2;

	emit(g, "st%s [%%r10-4], %d\nmov %%r2, %%r10\nadd %%r2, -4\nlddw %%r1, map[idx:%d]\ncall 1\n",
	     "w", pick(g, 3) ? pick(g, 5) : pick(g, 20), m);
	if (pick(g, 8))
		emit(g, "jeq %%r0, 0, L%d\n", l);
	idx = pick(g, 4);
	if (idx == 1)
		emit(g, "mov %%r3, %%r9\nand %%r3, %d\nadd %%r0, %%r3\n", pick(g, 2) ? 7 : 15);
	else if (idx == 2)
		emit(g, "mov %%r3, %%r9\n%s %%r3, %d, L%d\nadd %%r0, %%r3\n",
		     pick(g, 2) ? "jgt" : "jsgt", pick(g, 12), l);
	if (pick(g, 2))
		emit(g, "st%s [%%r0%+d], 1\n", sz_s[s], off);
	else
		emit(g, "ldx%s %%r9, [%%r0%+d]\n", sz_s[s], off);
	emit(g, "L%d:\n", l);
}

static void act_pkt(struct gen *g)
{
	int l = g->label++, n = pick(g, 40), s = pick(g, 4);
	int base = pick(g, 3) == 0 ? 9 : 8; /* r8 data_meta, r7 data */

	if (!g->xdp) {
		act_scalar(g);
		return;
	}
	emit(g, "mov %%r2, %%r%d\n", base == 9 ? 7 : 7);
	if (!pick(g, 3))
		emit(g, "mov %%r3, %%r9\nand %%r3, %d\nadd %%r2, %%r3\n", pick(g, 2) ? 15 : 0xffff);
	if (pick(g, 8)) {
		emit(g, "mov %%r4, %%r2\nadd %%r4, %d\n", n);
		emit(g, "%s %%r4, %%r8, L%d\n", pick(g, 2) ? "jgt" : "jge", l);
	}
	if (pick(g, 2))
		emit(g, "ldx%s %%r0, [%%r2%+d]\n", sz_s[s], pick(g, n + 4));
	else
		emit(g, "st%s [%%r2%+d], 7\n", sz_s[s], pick(g, n + 4));
	emit(g, "L%d:\n", l);
}

static void act_branch(struct gen *g)
{
	int l = g->label++;

	emit(g, "%s%s %%r%d, %d, L%d\n", jops[pick(g, 11)], pick(g, 3) ? "" : "32",
	     pick(g, 2) ? 9 : 0, pick(g, 20) - 4, l);
	if (g->pending_cnt < 8)
		g->pending[g->pending_cnt++] = l;
	else
		emit(g, "L%d:\n", l);
}

static void act_helper(struct gen *g)
{
	if (pick(g, 2)) {
		emit(g, "call %d\nmov %%r9, %%r0\n", pick(g, 2) ? 5 : 7);
		return;
	}
	emit(g, "stdw [%%r10-16], 0x41\nmov %%r1, %%r10\nadd %%r1, -16\n");
	if (pick(g, 2))
		emit(g, "mov %%r2, %d\n", pick(g, 20));
	else
		emit(g, "mov %%r2, %%r9\nand %%r2, %d\n", pick(g, 2) ? 7 : 31);
	emit(g, "call 6\n");
}

/* A bounded loop over a stack buffer, the index maybe unmasked. */
static void act_loop(struct gen *g)
{
	int l = g->label++, n = 1 + pick(g, 12), base = -8 * (1 + pick(g, 64));

	emit(g, "mov %%r5, 0\nL%d:\nmov %%r1, %%r10\nadd %%r1, %d\nmov %%r2, %%r5\n", l, base);
	if (pick(g, 3))
		emit(g, "and %%r2, %d\n", pick(g, 2) ? 7 : 15);
	emit(g, "add %%r1, %%r2\n%s [%%r1+0], 1\nadd %%r5, 1\n%s %%r5, %d, L%d\n",
	     pick(g, 2) ? "stb" : "stw", pick(g, 2) ? "jlt" : "jle", n, l);
}

/* A call of a subprogram given a pointer into the caller's stack, which
 * it may write through; it returns a small number. */
static void act_call(struct gen *g)
{
	int k = g->sub_cnt++, off = -8 * (1 + pick(g, 8)) + (pick(g, 4) ? 0 : 8);
	size_t room = sizeof(g->subs) - g->subs_len;
	int n;

	emit(g, "mov %%r1, %%r10\nadd %%r1, %d\nmov %%r2, %%r9\ncall local F%d\nmov %%r9, %%r0\n",
	     off, k);
	n = snprintf(g->subs + g->subs_len, room,
		     "F%d:\n%smov %%r0, %%r2\nand %%r0, 15\nexit\n", k,
		     pick(g, 2) ? "stdw [%r1+0], 3\n" : "ldxdw %r3, [%r1+0]\n");
	if (n > 0 && (size_t)n < room)
		g->subs_len += (size_t)n;
}

/* bpf_loop with a 16-byte context on the caller's stack, which the
 * callback reads and writes, at offsets maybe out of bounds, maybe indexed. */
static void act_bpf_loop(struct gen *g)
{
	int k = g->sub_cnt++;
	size_t room = sizeof(g->subs) - g->subs_len;
	const char *ops[] = { "ldxdw %r3, [%r2+0]\nadd %r3, 1\nstxdw [%r2+0], %r3\n",
			      "stdw [%r2+8], 5\n", "ldxdw %r3, [%r2+16]\n",
			      "mov %r3, %r1\nand %r3, 7\nadd %r2, %r3\nstb [%r2+0], 1\n",
			      "mov %r3, %r1\nand %r3, 15\nadd %r2, %r3\nstb [%r2+0], 1\n",
			      "mov %r3, %r2\nadd %r3, %r1\nstb [%r3+0], 1\n",
			      "ldxdw %r3, [%r2+8]\njgt %r3, 3, +1\nstb [%r2+0], 2\n" };
	int n;

	g->has_callback = true;
	emit(g, "stdw [%%r10-16], 0\nstdw [%%r10-8], 0\nmov %%r1, %d\nlddw %%r2, subprog[F%d]\n"
		"mov %%r3, %%r10\nadd %%r3, -16\nmov %%r4, 0\ncall 181\nldxdw %%r9, [%%r10-%d]\n",
	     pick(g, 20), k, pick(g, 2) ? 16 : 8);
	n = snprintf(g->subs + g->subs_len, room, "F%d:\n%smov %%r0, %d\nexit\n", k,
		     ops[pick(g, 7)], pick(g, 8) ? pick(g, 2) : 2);
	if (n > 0 && (size_t)n < room)
		g->subs_len += (size_t)n;
}

/* A dynptr at fp-16..fp-64 (sometimes misaligned): a ring buffer record,
 * or a local one over a map value; written, read and sliced at offsets
 * and lengths maybe out of range, its bytes maybe overwritten, the slice
 * maybe used after the release; released on most paths (a local dynptr
 * needs no release, and refuses one). */
static void act_dynptr(struct gen *g)
{
	int l = g->label++, off = -16 - 8 * pick(g, 7) + (pick(g, 10) ? 0 : 4);
	int sz = pick(g, 4) ? 8 * (1 + pick(g, 2)) : pick(g, 40);
	bool local = !pick(g, 3), slice = false;

	if (local)
		emit(g, "stw [%%r10-4], 0\nmov %%r2, %%r10\nadd %%r2, -4\nlddw %%r1, map[idx:%d]\n"
			"call 1\njeq %%r0, 0, L%d\nmov %%r1, %%r0\nmov %%r2, %d\nmov %%r3, 0\n"
			"mov %%r4, %%r10\nadd %%r4, %d\ncall 197\n", 1 + pick(g, 2), l, sz, off);
	else
		emit(g, "lddw %%r1, map[idx:5]\nmov %%r2, %d\nmov %%r3, 0\nmov %%r4, %%r10\n"
			"add %%r4, %d\ncall 198\n", sz, off);
	for (int i = pick(g, 4); i > 0; i--) {
		int len = pick(g, 3) ? pick(g, 10) : -1, at = pick(g, 20) - 2;

		switch (pick(g, 4)) {
		case 0: /* bpf_dynptr_write from an 8-byte buffer at fp-80 */
			emit(g, "stdw [%%r10-80], 7\nmov %%r1, %%r10\nadd %%r1, %d\nmov %%r2, %d\n"
				"mov %%r3, %%r10\nadd %%r3, -80\n", off, at);
			if (len < 0)
				emit(g, "mov %%r4, %%r9\nand %%r4, %d\n", pick(g, 2) ? 7 : 15);
			else
				emit(g, "mov %%r4, %d\n", len);
			emit(g, "mov %%r5, 0\ncall 202\n");
			break;
		case 1: /* bpf_dynptr_read into fp-80 */
			emit(g, "mov %%r1, %%r10\nadd %%r1, -80\n");
			if (len < 0)
				emit(g, "mov %%r2, %%r9\nand %%r2, %d\n", pick(g, 2) ? 7 : 15);
			else
				emit(g, "mov %%r2, %d\n", len);
			emit(g, "mov %%r3, %%r10\nadd %%r3, %d\nmov %%r4, %d\nmov %%r5, 0\ncall 201\n",
			     off, at);
			break;
		case 2: { /* a slice, used now (maybe out of range), kept at fp-88 */
			int sl = g->label++, n = 1 + pick(g, 16);

			slice = true;
			emit(g, "mov %%r1, %%r10\nadd %%r1, %d\nmov %%r2, %d\nmov %%r3, %d\ncall 203\n",
			     off, at, n);
			if (pick(g, 8))
				emit(g, "jeq %%r0, 0, L%d\n", sl);
			if (pick(g, 2))
				emit(g, "stb [%%r0%+d], 1\n", pick(g, n + 3) - 1);
			else
				emit(g, "ldxb %%r4, [%%r0%+d]\n", pick(g, n + 3) - 1);
			emit(g, "stxdw [%%r10-88], %%r0\nL%d:\n", sl);
			break;
		}
		default: /* a store into the dynptr's bytes */
			emit(g, "st%s [%%r10%+d], 1\n", sz_s[pick(g, 4)], off + pick(g, 16));
			break;
		}
	}
	if (!local && pick(g, 6))
		emit(g, "mov %%r1, %%r10\nadd %%r1, %d\nmov %%r2, 0\ncall %d\n", off,
		     pick(g, 2) ? 199 : 200);
	/* the slice after the release: always refused */
	if (slice && !pick(g, 8))
		emit(g, "ldxdw %%r1, [%%r10-88]\nstb [%%r1+0], 1\n");
	emit(g, "L%d:\n", l);
}

/*
 * A scalar precise on one path only: two paths give r4 different values
 * (one maybe unsafe), join, and r4 then decides safety: as an offset, a
 * helper's size, a branch the bounds decide, through a spill, a linked copy
 * or a subprogram.  The verifier walks the fall-through path first; when
 * it is the safe one, pruning the other path at the join would be the bug
 * precision tracking must not have.
 */
static void act_precision(struct gen *g)
{
	int la = g->label++, lb = g->label++, lc = g->label++;
	int safe = pick(g, 56), other = pick(g, 3) ? 64 + pick(g, 100) : pick(g, 56);
	bool swap = !pick(g, 4), linked = !pick(g, 4);
	int use = pick(g, 5), k;

	/* a fresh value to branch on */
	if (g->xdp)
		emit(g, "mov %%r2, %%r7\nadd %%r2, 8\njgt %%r2, %%r8, L%d\nldxb %%r9, [%%r7+%d]\n",
		     lc, pick(g, 8));
	else
		emit(g, "ldxdw %%r9, [%%r6%+d]\n", 8 * pick(g, 8));
	emit(g, "%s %%r9, %d, L%d\n", jops[pick(g, 10)], pick(g, 256), la);
	if (linked) {
		/* one path: r4 a copy of r9 (bounded later through r9); the
		 * other: an unrelated value */
		if (swap)
			emit(g, "ldxdw %%r4, [%%r10-8]\nja L%d\nL%d:\nmov %%r4, %%r9\nL%d:\n",
			     lb, la, lb);
		else
			emit(g, "mov %%r4, %%r9\nja L%d\nL%d:\nmov %%r4, %d\nL%d:\n", lb, la,
			     other, lb);
		emit(g, "jgt %%r9, %d, L%d\n", pick(g, 64), lc);
	} else {
		emit(g, "mov %%r4, %d\nja L%d\nL%d:\nmov %%r4, %d\nL%d:\n", swap ? other : safe,
		     lb, la, swap ? safe : other, lb);
	}
	/* something between the join and the use */
	k = pick(g, 4);
	if (k == 1)
		emit(g, "stxdw [%%r10-24], %%r4\nmov %%r4, 0\nldxdw %%r4, [%%r10-24]\n");
	else if (k == 2)
		emit(g, "mov %%r5, %%r4\nmov %%r4, %%r5\n");
	else if (k == 3)
		emit(g, "stxw [%%r10-28], %%r4\nldxw %%r4, [%%r10-28]\n");
	if (use == 0) {
		emit(g, "mov %%r1, %%r10\nadd %%r1, -64\nadd %%r1, %%r4\nstb [%%r1+0], 1\n");
	} else if (use == 1) {
		emit(g, "stdw [%%r10-64], 0\nstdw [%%r10-56], 0\nmov %%r1, %%r10\nadd %%r1, -64\n"
			"mov %%r2, %%r4\ncall 6\n");
	} else if (use == 2) {
		/* the bad branch is reachable only when r4 > 63 */
		emit(g, "jle %%r4, 63, L%d\nstb [%%r10+8], 1\n", lc);
	} else {
		/* through a subprogram: as an argument or a result */
		int f = g->sub_cnt++, n;
		size_t room = sizeof(g->subs) - g->subs_len;

		emit(g, "mov %%r1, %%r4\ncall local F%d\n", f);
		if (use == 3) {
			n = snprintf(g->subs + g->subs_len, room,
				     "F%d:\nmov %%r2, %%r10\nadd %%r2, -64\nadd %%r2, %%r1\n"
				     "stb [%%r2+0], 1\nmov %%r0, 0\nexit\n", f);
		} else {
			n = snprintf(g->subs + g->subs_len, room, "F%d:\nmov %%r0, %%r1\nexit\n", f);
			emit(g, "mov %%r1, %%r10\nadd %%r1, -64\nadd %%r1, %%r0\nstb [%%r1+0], 1\n");
		}
		if (n > 0 && (size_t)n < room)
			g->subs_len += (size_t)n;
	}
	emit(g, "L%d:\n", lc);
}

static void generate(struct gen *g)
{
	int n = 3 + pick(g, 12);

	g->len = 0;
	g->label = 0;
	g->pending_cnt = 0;
	g->subs_len = 0;
	g->sub_cnt = 0;
	g->has_callback = false;
	g->subs[0] = 0;
	if (g->text)
		g->text[0] = 0;
	emit(g, "mov %%r6, %%r1\nmov %%r9, 0\nmov %%r0, 0\n");
	if (g->xdp)
		emit(g, "ldxw %%r7, [%%r6+0]\nldxw %%r8, [%%r6+4]\n");
	for (int i = 0; i < n; i++) {
		switch (pick(g, 12)) {
		case 0: act_scalar(g); break;
		case 1: act_stack(g); break;
		case 2: act_map(g); break;
		case 3: act_pkt(g); break;
		case 4: act_branch(g); break;
		case 5: act_loop(g); break;
		case 6: act_call(g); break;
		case 7: act_bpf_loop(g); break;
		case 8: act_dynptr(g); break;
		case 9:
		case 10: act_precision(g); break;
		default: act_helper(g); break;
		}
		if (g->pending_cnt && !pick(g, 3))
			emit(g, "L%d:\n", g->pending[--g->pending_cnt]);
	}
	while (g->pending_cnt)
		emit(g, "L%d:\n", g->pending[--g->pending_cnt]);
	emit(g, "mov %%r0, 0\nexit\n%s", g->subs);
}

/* bpf_trace_printk of the runs: not printed */
static void trace_quiet(void *ctx, unsigned int cpu, const char *line, size_t len)
{
}

static long rewritten; /* programs whose rewritten form differs */
/* accepted programs the unverified load refuses (its all-paths register
 * pass flags reads on paths the verifier proved impossible): they run only
 * in their verified form; and those bh_prog__load refuses both ways */
static long verified_only, not_run;

/*
 * Run @insns checked, many times, twice per input: loaded unverified (as
 * written), and loaded verified, so rewritten after verification (inlined
 * ARRAY lookups, division guards, dead code removed; verifier/fixup.c), then forced into the
 * checked loop: the rewrites must keep the program inside its memory too.
 * A program the unverified load refuses runs in its verified form only.
 * Returns the number of faults.
 */
static int run_checked(struct gen *g, int type, const struct bpf_insn *insns, size_t cnt,
		       struct vh_maps *m, uint32_t ctx_min)
{
	/* GPL, as the kernel loads in vharness.h: GPL-only helpers allowed */
	BH_OPTS(bh_prog_load_opts, lo, .bh_flags = BH_PROG_LOAD_F_NO_VERIFY,
		.maps = m->bh, .map_cnt = VH_MAPS, .license = "GPL");
	BH_OPTS(bh_prog_load_opts, lv, .maps = m->bh, .map_cnt = VH_MAPS, .license = "GPL");
	struct bh_prog *p = bh_prog__load((uint32_t)type, insns, cnt, &lo);
	struct bh_prog *v = bh_prog__load((uint32_t)type, insns, cnt, &lv);
	int faults = 0;

	if (!v) {
		not_run += !p;
		bh_prog__free(p);
		return p != NULL; /* bh_prog__load refusing what the verifier took */
	}
	verified_only += !p;
	v->unchecked = false; /* run the verified program checked */
	rewritten += v->insn_cnt != cnt;
	for (int run = 0; run < 32; run++) {
		struct bh_prog *cur = (run & 1) || !p ? v : p;
		uint8_t data[256], ctx[256 + 64];
		BH_OPTS(bh_test_run_opts, o);
		uint32_t key = (uint32_t)pick(g, 6);
		uint64_t val = rnd(g);
		uint8_t big[16];
		int err;

		for (size_t i = 0; i < sizeof(data); i++)
			data[i] = (uint8_t)rnd(g);
		memcpy(ctx, data, sizeof(data));
		memset(big, (int)val, sizeof(big));
		bh_map__update_elem(m->bh[0], &key, &val, 0);
		if (key < 4)
			bh_map__update_elem(m->bh[1], &key, &val, 0);
		if (type == BPF_PROG_TYPE_XDP) {
			o.data_in = data;
			o.data_size_in = 14 + (uint32_t)pick(g, 200);
		} else {
			o.ctx_in = ctx;
			o.ctx_size_in = ctx_min + (uint32_t)pick(g, 64);
		}
		err = bh_prog__test_run(cur, &o);
		if (err == -EFAULT) {
			faults++;
			if (cur == v)
				fprintf(stderr, "  rewritten program faulted\n");
			break;
		}
	}
	bh_prog__free(p);
	bh_prog__free(v);
	return faults;
}

/* An unsigned number from the environment variable @name (decimal or
 * 0x hex); false, with a message, when it is set but not a number. */
static bool env_u64(const char *name, uint64_t *val)
{
	const char *s = getenv(name);
	char *end;

	if (!s)
		return true;
	errno = 0;
	*val = strtoull(s, &end, 0);
	if (!*s || *end || errno || *s == '-') {
		fprintf(stderr, "  %s=%s: not an unsigned number\n", name, s);
		return false;
	}
	return true;
}

static void test_fuzz__soundness(void)
{
	const char *secs_s = getenv("BH_FUZZ_SECONDS"), *kern_s = getenv("BH_FUZZ_KERNEL");
	uint64_t seed = 0x9e3779b97f4a7c15ULL, max_progs = 0, secs_u = 15;
	double secs, kernel_s = 0, elapsed = 0;
	struct gen g = { 0 };
	static char log[VH_LOG_SZ], klog[VH_LOG_SZ];
	long tried = 0, accepted = 0, flagged = 0, kernel_refused = 0, kernel_more = 0;
	long cb_accepted = 0, priv_refused = 0;
	bool no_kernel = kern_s && !strcmp(kern_s, "0");
	/* BH_FUZZ_UNPRIV=1: verify as an unprivileged loader; the kernel
	 * cannot be asked (see vh_kernel_unpriv_gap), so instead every program
	 * accepted unprivileged must be accepted privileged too */
	const char *unpriv_s = getenv("BH_FUZZ_UNPRIV");
	bool unpriv = unpriv_s && !strcmp(unpriv_s, "1");
	int kernel;
	struct timespec t0, t, k0, k1;
	struct vh_maps m;

	if (!env_u64("BH_FUZZ_SEED", &seed) || !env_u64("BH_FUZZ_PROGRAMS", &max_progs) ||
	    !env_u64("BH_FUZZ_SECONDS", &secs_u)) {
		CHECK("fuzz-env-number", false);
		return;
	}
	/* xorshift stays at 0 forever: every program would be the same */
	if (!seed) {
		fprintf(stderr, "  BH_FUZZ_SEED=0: the generator needs a nonzero seed\n");
		CHECK("fuzz-seed-nonzero", false);
		return;
	}
	if (kern_s && strcmp(kern_s, "0") && strcmp(kern_s, "1")) {
		fprintf(stderr, "  BH_FUZZ_KERNEL=%s: 0 or 1\n", kern_s);
		CHECK("fuzz-kernel-flag", false);
		return;
	}
	if (unpriv_s && strcmp(unpriv_s, "0") && strcmp(unpriv_s, "1")) {
		fprintf(stderr, "  BH_FUZZ_UNPRIV=%s: 0 or 1\n", unpriv_s);
		CHECK("fuzz-unpriv-flag", false);
		return;
	}
	g.rng = seed;
	bh_trace__set_handler(trace_quiet, NULL);
	/* with a count and no time given, the count alone bounds the run */
	secs = !secs_s && max_progs ? 1e12 : (double)secs_u;
	/* the kernel is not asked about unprivileged loads (see above) */
	kernel = !no_kernel && !unpriv && vh_kernel_available();

	vh_maps_init(&m, kernel);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		struct bh_verifier_output out;
		struct bpf_insn *insns;
		size_t cnt;
		char err[128];
		int type, b;

		g.xdp = pick(&g, 3) != 0;
		type = g.xdp ? BPF_PROG_TYPE_XDP : BPF_PROG_TYPE_SYSCALL;
		generate(&g);
		if (bh_asm__parse(g.text, &insns, &cnt, err, sizeof(err))) {
			fprintf(stderr, "  generator bug: %s\n%s\n", err, g.text);
			flagged++;
			break;
		}
		tried++;
		b = vh_bh_verify_as(type, unpriv, insns, cnt, &m, log, sizeof(log), 1, &out);
		if (unpriv && !b &&
		    vh_bh_verify(type, insns, cnt, &m, klog, sizeof(klog), 1, NULL)) {
			priv_refused++;
			if (priv_refused <= 3)
				fprintf(stderr, "  accepted unprivileged, refused privileged:\n%s  log:\n%s\n",
					g.text, klog);
		}
		if (kernel && !g.has_callback) {
			int k;

			clock_gettime(CLOCK_MONOTONIC, &k0);
			k = vh_kernel_verify(type, insns, cnt, &m, klog, sizeof(klog), 1);
			clock_gettime(CLOCK_MONOTONIC, &k1);
			kernel_s += (double)(k1.tv_sec - k0.tv_sec) +
				    (double)(k1.tv_nsec - k0.tv_nsec) / 1e9;

			if (!b && k < 0) {
				kernel_refused++;
				if (getenv("BH_FUZZ_DUMP")) {
					char path[64];
					FILE *f;

					snprintf(path, sizeof(path), "/tmp/bh-fuzz-kernel-refused-%ld.s",
						 kernel_refused);
					f = fopen(path, "w");
					if (f) {
						fputs(g.text, f);
						fclose(f);
					}
				}
				if (kernel_refused <= 3) {
					size_t kl = strlen(klog);

					fprintf(stderr, "  bpfhost accepts, the kernel refuses (%d):\n%s  kernel (end):\n%s\n",
						k, g.text, kl > 600 ? klog + kl - 600 : klog);
				}
			} else if (b && !k) {
				kernel_more++;
				if (getenv("BH_FUZZ_DUMP") && kernel_more <= 200) {
					/* the reason bpfhost gave: the line before "processed" */
					char *p = strstr(log, "\nprocessed "), *q = p;

					while (q && q > log && q[-1] != '\n')
						q--;
					if (p && q)
						printf("  bpfhost-only refusal: %.*s\n",
							(int)(p - q), q);
					else
						printf("  bpfhost-only refusal: %s", log);
					if (kernel_more <= 5) {
						char path[64];
						FILE *f;

						snprintf(path, sizeof(path), "/tmp/bh-fuzz-bh-refused-%ld.s",
							 kernel_more);
						f = fopen(path, "w");
						if (f) {
							fputs(g.text, f);
							fclose(f);
						}
					}
				}
			}
		}
		if (!b) {
			accepted++;
			cb_accepted += g.has_callback;
			if (run_checked(&g, type, insns, cnt, &m, out.max_ctx_offset)) {
				flagged++;
				if (flagged <= 3)
					fprintf(stderr, "  VERIFIER BUG: accepted program faulted:\n%s\n",
						g.text);
			}
		}
		free(insns);
		clock_gettime(CLOCK_MONOTONIC, &t);
		elapsed = (double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9;
	} while (elapsed < secs && (!max_progs || (uint64_t)tried < max_progs));
	vh_maps_free(&m);
	free(g.text);
	printf("# soundness fuzz: %ld programs tried, %ld accepted (%ld with callbacks, %ld not run unverified: the unverified load refuses them), %ld flagged; kernel: %s%ld refused what bpfhost accepted, %ld accepted what bpfhost refused\n",
	       tried, accepted, cb_accepted, verified_only, flagged,
	       kernel ? "" : no_kernel || unpriv ? "(not compared) " : "(bpf() refused) ",
	       kernel_refused, kernel_more);
	printf("# soundness fuzz: %.1f s, of which %.1f s in the kernel's verifier\n", elapsed,
	       kernel_s);
	printf("# %ld accepted programs were rewritten (inlined lookups, division guards, dead code) and ran checked too; %ld not run at all (bh_prog__load refuses them verified and unverified)\n",
	       rewritten, not_run);
	if (unpriv)
		printf("# unprivileged: %ld accepted unprivileged but refused privileged; kernel not compared (%s)\n",
		       priv_refused, vh_kernel_unpriv_gap() ? vh_kernel_unpriv_gap()
							    : "no unprivileged comparison in the fuzzer");
	CHECK_EQ("fuzz-flagged", flagged, 0);
	CHECK_EQ("fuzz-unpriv-subset", priv_refused, 0);
	CHECK_EQ("fuzz-kernel-refused", kernel_refused, 0);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_fuzz__soundness),
};

BH_TEST_MAIN(cases)
