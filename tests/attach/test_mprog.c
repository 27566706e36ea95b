/* SPDX-License-Identifier: MIT */
/*
 * Hooks, mprog attach / detach / query and links: one case per rule of
 * kernel/bpf/mprog.c (seed 002), with the errno Linux gives.
 */
#include <errno.h>

#include <bpfhost/bpfhost.h>

#include "test.h"

/* r0 = @k; exit.  A distinct program object per call. */
static struct bh_prog *prog_ret_type(uint32_t type, int32_t k)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = k },
		{ .code = BPF_JMP | BPF_EXIT },
	};

	return bh_prog__load(type, insns, 2, NULL);
}

static struct bh_prog *prog_ret(int32_t k)
{
	return prog_ret_type(BPF_PROG_TYPE_XDP, k);
}

/*
 * *(u64 *)(r1 + 8 * @slot) = 1; r0 = @k; exit: marks that it ran.  It
 * writes the raw hook buffer as the context, which the verifier refuses for
 * an XDP program (its context is xdp_md): these tests are about how a hook
 * runs its chain, so the program loads with BH_PROG_LOAD_F_NO_VERIFY and runs
 * in the checked interpreter, limited to the hook's ctx_size bytes.
 */
static struct bh_prog *prog_mark(int slot, int32_t k)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ST | BPF_MEM | BPF_DW, .dst_reg = 1,
		  .off = (int16_t)(8 * slot), .imm = 1 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = k },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	BH_OPTS(bh_prog_load_opts, o, .entry_args = 1,
		.bh_flags = BH_PROG_LOAD_F_NO_VERIFY);

	return bh_prog__load(BPF_PROG_TYPE_XDP, insns, 3, &o);
}

static struct bh_hook *hook_tcx(void)
{
	return bh_hook__new(BPF_PROG_TYPE_XDP, NULL);
}

/* Query the chain into ids[] (up to 8); returns count, -1 on error. */
static int chain(struct bh_hook *hook, uint32_t *ids, uint32_t *links,
		 uint64_t *rev)
{
	BH_OPTS(bh_hook_query_opts, q, .count = 8, .prog_ids = ids,
		.link_ids = links);

	if (bh_hook__query(hook, &q))
		return -1;
	if (rev)
		*rev = q.revision;
	return (int)q.count;
}

#define ID(p) bh_prog__id(p)

static int attach_flags(struct bh_hook *h, struct bh_prog *p, uint32_t flags,
			const struct bh_prog *rel)
{
	BH_OPTS(bh_hook_attach_opts, o, .flags = flags, .relative_prog = rel);

	return bh_hook__attach(h, p, &o);
}

static void test_mprog__append_and_revision(void)
{
	struct bh_hook *h = hook_tcx();
	struct bh_prog *a = prog_ret(1), *b = prog_ret(2), *c = prog_ret(3);
	uint32_t ids[8], links[8];
	uint64_t rev = 0;

	REQUIRE("mp-setup", h && a && b && c);
	CHECK_EQ("mp-empty-count", chain(h, ids, links, &rev), 0);
	CHECK_EQ("mp-rev-initial", rev, 1);
	CHECK_EQ("mp-append-a", bh_hook__attach(h, a, NULL), 0);
	CHECK_EQ("mp-append-b", bh_hook__attach(h, b, NULL), 0);
	CHECK_EQ("mp-append-c", attach_flags(h, c, 0, NULL), 0);
	CHECK_EQ("mp-append-count", chain(h, ids, links, &rev), 3);
	CHECK("mp-append-order", ids[0] == ID(a) && ids[1] == ID(b) &&
				 ids[2] == ID(c));
	CHECK("mp-append-nolink", !links[0] && !links[1] && !links[2]);
	CHECK_EQ("mp-rev-after-3", rev, 4);
	bh_hook__free(h);
	bh_prog__free(a);
	bh_prog__free(b);
	bh_prog__free(c);
}

static void test_mprog__before_after_first_last(void)
{
	struct bh_hook *h = hook_tcx();
	struct bh_prog *p[5];
	uint32_t ids[8];

	for (int i = 0; i < 5; i++)
		p[i] = prog_ret(i);
	REQUIRE("mp-ba-setup", h && p[4]);
	CHECK_EQ("mp-ba-0", attach_flags(h, p[0], 0, NULL), 0);
	CHECK_EQ("mp-ba-first", attach_flags(h, p[1], BPF_F_BEFORE, NULL), 0);
	CHECK_EQ("mp-ba-last", attach_flags(h, p[2], BPF_F_AFTER, NULL), 0);
	/* p1 p0 p2 */
	CHECK_EQ("mp-ba-before-p0", attach_flags(h, p[3], BPF_F_BEFORE, p[0]),
		 0);
	CHECK_EQ("mp-ba-after-p0", attach_flags(h, p[4], BPF_F_AFTER, p[0]), 0);
	/* p1 p3 p0 p4 p2 */
	CHECK_EQ("mp-ba-count", chain(h, ids, NULL, NULL), 5);
	CHECK("mp-ba-order", ids[0] == ID(p[1]) && ids[1] == ID(p[3]) &&
			     ids[2] == ID(p[0]) && ids[3] == ID(p[4]) &&
			     ids[4] == ID(p[2]));
	bh_hook__free(h);
	for (int i = 0; i < 5; i++)
		bh_prog__free(p[i]);
}

static void test_mprog__relative_by_id(void)
{
	struct bh_hook *h = hook_tcx();
	struct bh_prog *a = prog_ret(1), *b = prog_ret(2);
	BH_OPTS(bh_hook_attach_opts, o, .flags = BPF_F_BEFORE | BPF_F_ID);
	uint32_t ids[8];

	REQUIRE("mp-id-setup", h && a && b);
	CHECK_EQ("mp-id-a", bh_hook__attach(h, a, NULL), 0);
	o.relative_id = ID(a);
	CHECK_EQ("mp-id-before-a", bh_hook__attach(h, b, &o), 0);
	CHECK_EQ("mp-id-count", chain(h, ids, NULL, NULL), 2);
	CHECK("mp-id-order", ids[0] == ID(b) && ids[1] == ID(a));
	bh_hook__free(h);
	bh_prog__free(a);
	bh_prog__free(b);
}

static void test_mprog__replace(void)
{
	struct bh_hook *h = hook_tcx();
	struct bh_prog *a = prog_ret(1), *b = prog_ret(2), *c = prog_ret(3),
		       *d = prog_ret(4);
	BH_OPTS(bh_hook_attach_opts, o, .flags = BPF_F_REPLACE);
	uint32_t ids[8];
	uint64_t rev0 = 0, rev = 0;

	REQUIRE("mp-rep-setup", h && a && b && c && d);
	bh_hook__attach(h, a, NULL);
	bh_hook__attach(h, b, NULL);
	chain(h, ids, NULL, &rev0);
	o.replace_prog = a;
	CHECK_EQ("mp-rep-ok", bh_hook__attach(h, c, &o), 0);
	CHECK_EQ("mp-rep-count", chain(h, ids, NULL, &rev), 2);
	CHECK("mp-rep-order", ids[0] == ID(c) && ids[1] == ID(b));
	CHECK_EQ("mp-rep-rev", rev, rev0 + 1);
	/* directives that agree: replace c, which sits before b */
	o.flags = BPF_F_REPLACE | BPF_F_BEFORE;
	o.replace_prog = c;
	o.relative_prog = b;
	CHECK_EQ("mp-rep-agree", bh_hook__attach(h, d, &o), 0);
	/* directives that disagree: replace d (index 0) after b (index 2) */
	o.flags = BPF_F_REPLACE | BPF_F_AFTER;
	o.replace_prog = d;
	CHECK_EQ("mp-rep-disagree", bh_hook__attach(h, a, &o), -ERANGE);
	CHECK_EQ("mp-rep-errno", errno, ERANGE);
	/* the program to replace is not attached */
	o.flags = BPF_F_REPLACE;
	o.relative_prog = NULL;
	o.replace_prog = c;
	CHECK_EQ("mp-rep-enoent", bh_hook__attach(h, a, &o), -ENOENT);
	/* the program to replace has another type (bpf_prog_get_type) */
	{
		struct bh_prog *s = prog_ret_type(BPF_PROG_TYPE_SYSCALL, 0);

		o.replace_prog = s;
		CHECK_EQ("mp-rep-type", bh_hook__attach(h, a, &o), -EINVAL);
		bh_prog__free(s);
	}
	/* BPF_F_REPLACE without a program to replace */
	o.replace_prog = NULL;
	CHECK_EQ("mp-rep-noprog", bh_hook__attach(h, a, &o), -EINVAL);
	bh_hook__free(h);
	bh_prog__free(a);
	bh_prog__free(b);
	bh_prog__free(c);
	bh_prog__free(d);
}

static void test_mprog__errors(void)
{
	struct bh_hook *h = hook_tcx();
	struct bh_prog *a = prog_ret(1), *b = prog_ret(2), *c = prog_ret(3);
	struct bh_prog *s = prog_ret_type(BPF_PROG_TYPE_SYSCALL, 0);
	BH_OPTS(bh_hook_attach_opts, o);
	uint64_t rev = 0, rev2 = 0;
	uint32_t ids[8];

	REQUIRE("mp-err-setup", h && a && b && c && s);
	bh_hook__attach(h, a, NULL);
	chain(h, ids, NULL, &rev);
	/* -ERANGE: before and after the same program can never agree */
	CHECK_EQ("mp-err-range",
		 attach_flags(h, b, BPF_F_BEFORE | BPF_F_AFTER, a), -ERANGE);
	/* -ESTALE */
	o.expected_revision = rev + 5;
	CHECK_EQ("mp-err-stale", bh_hook__attach(h, b, &o), -ESTALE);
	CHECK_EQ("mp-err-stale-errno", errno, ESTALE);
	o.expected_revision = rev;
	CHECK_EQ("mp-err-rev-ok", bh_hook__attach(h, b, &o), 0);
	/* -EEXIST */
	CHECK_EQ("mp-err-exist", bh_hook__attach(h, a, NULL), -EEXIST);
	/* -ENOENT: relative not in the chain, or no such id */
	CHECK_EQ("mp-err-rel-type", attach_flags(h, c, BPF_F_AFTER, s) ,
		 -EINVAL); /* wrong type is checked first (s is SYSCALL) */
	{
		struct bh_prog *x = prog_ret(9);

		CHECK_EQ("mp-err-rel-notin",
			 attach_flags(h, c, BPF_F_AFTER, x), -ENOENT);
		bh_prog__free(x);
	}
	o.flags = BPF_F_AFTER | BPF_F_ID;
	o.relative_id = 0x7fffffff;
	o.expected_revision = 0;
	CHECK_EQ("mp-err-id-enoent", bh_hook__attach(h, c, &o), -ENOENT);
	/* -EINVAL: program of another type */
	CHECK_EQ("mp-err-type", bh_hook__attach(h, s, NULL), -EINVAL);
	/* -EINVAL: relative object without a position directive */
	CHECK_EQ("mp-err-norel", attach_flags(h, c, 0, a), -EINVAL);
	/* -EINVAL: unknown flag, BPF_F_LINK without a link */
	CHECK_EQ("mp-err-flag", attach_flags(h, c, 1U << 20, NULL), -EINVAL);
	CHECK_EQ("mp-err-link-null", attach_flags(h, c, BPF_F_LINK, NULL),
		 -EINVAL);
	/* failures change nothing */
	chain(h, ids, NULL, &rev2);
	CHECK_EQ("mp-err-rev-unchanged", rev2, rev + 1);
	bh_hook__free(h);
	bh_prog__free(a);
	bh_prog__free(b);
	bh_prog__free(c);
	bh_prog__free(s);
}

static void test_mprog__detach(void)
{
	struct bh_hook *h = hook_tcx();
	struct bh_prog *p[4];
	BH_OPTS(bh_hook_detach_opts, o);
	uint32_t ids[8];
	uint64_t rev0 = 0, rev = 0;

	for (int i = 0; i < 4; i++)
		p[i] = prog_ret(i);
	REQUIRE("mp-det-setup", h && p[3]);
	CHECK_EQ("mp-det-empty", bh_hook__detach(h, p[0], NULL), -ENOENT);
	CHECK_EQ("mp-det-empty-null", bh_hook__detach(h, NULL, NULL),
		 -ENOENT);
	for (int i = 0; i < 4; i++)
		bh_hook__attach(h, p[i], NULL);
	chain(h, ids, NULL, &rev0);
	o.flags = BPF_F_REPLACE;
	CHECK_EQ("mp-det-replace", bh_hook__detach(h, p[0], &o), -EINVAL);
	/* detach by program */
	CHECK_EQ("mp-det-prog", bh_hook__detach(h, p[1], NULL), 0);
	/* no program, BPF_F_BEFORE: the first */
	o.flags = BPF_F_BEFORE;
	CHECK_EQ("mp-det-first", bh_hook__detach(h, NULL, &o), 0);
	CHECK_EQ("mp-det-count", chain(h, ids, NULL, &rev), 2);
	CHECK("mp-det-order", ids[0] == ID(p[2]) && ids[1] == ID(p[3]));
	CHECK_EQ("mp-det-rev", rev, rev0 + 2);
	/* program and directive agree / disagree */
	o.flags = BPF_F_BEFORE;
	o.relative_prog = p[3];
	CHECK_EQ("mp-det-disagree", bh_hook__detach(h, p[3], &o), -ERANGE);
	CHECK_EQ("mp-det-agree", bh_hook__detach(h, p[2], &o), 0);
	/* not attached */
	CHECK_EQ("mp-det-notin", bh_hook__detach(h, p[0], NULL), -ENOENT);
	o.expected_revision = 1;
	o.relative_prog = NULL;
	o.flags = 0;
	CHECK_EQ("mp-det-stale", bh_hook__detach(h, p[3], &o), -ESTALE);
	/* no program, no directive: the last */
	CHECK_EQ("mp-det-last", bh_hook__detach(h, NULL, NULL), 0);
	CHECK_EQ("mp-det-none-left", chain(h, ids, NULL, NULL), 0);
	bh_hook__free(h);
	for (int i = 0; i < 4; i++)
		bh_prog__free(p[i]);
}

/*
 * A chain holds BH_MPROG_MAX - 1 = 63 programs, as the kernel's
 * bpf_mprog_max() (the array keeps a NULL end mark).  Regression: bpfhost
 * took 64 until diff_tcx found the kernel refusing the 64th with -ERANGE.
 */
#define CAP (BH_MPROG_MAX - 1)
static void test_mprog__capacity(void)
{
	struct bh_hook *h = hook_tcx();
	struct bh_prog *p[CAP + 1];
	BH_OPTS(bh_hook_attach_opts, o, .flags = BPF_F_REPLACE);
	uint32_t ids[8];

	REQUIRE("mp-cap-hook", h);
	for (int i = 0; i <= CAP; i++)
		p[i] = prog_ret(i);
	for (int i = 0; i < CAP; i++)
		CHECK_EQ("mp-cap-fill", bh_hook__attach(h, p[i], NULL), 0);
	CHECK_EQ("mp-cap-is-63", CAP, 63);
	CHECK_EQ("mp-cap-append", bh_hook__attach(h, p[CAP], NULL), -ERANGE);
	CHECK_EQ("mp-cap-first", attach_flags(h, p[CAP], BPF_F_BEFORE, NULL),
		 -ERANGE);
	CHECK_EQ("mp-cap-before-last",
		 attach_flags(h, p[CAP], BPF_F_BEFORE, p[CAP - 1]), -ERANGE);
	{
		struct bh_link *l = bh_link__attach(h, p[CAP], NULL);

		CHECK("mp-cap-link", !l && errno == ERANGE);
	}
	o.replace_prog = p[5];
	CHECK_EQ("mp-cap-replace", bh_hook__attach(h, p[CAP], &o), 0);
	{
		BH_OPTS(bh_hook_query_opts, q, .count = 8, .prog_ids = ids);

		CHECK_EQ("mp-cap-query", bh_hook__query(h, &q), -ENOSPC);
		CHECK_EQ("mp-cap-count", q.count, CAP);
		CHECK_EQ("mp-cap-replaced", ids[5], ID(p[CAP]));
	}
	/* one out, one in again */
	CHECK_EQ("mp-cap-detach", bh_hook__detach(h, p[0], NULL), 0);
	CHECK_EQ("mp-cap-refill", bh_hook__attach(h, p[5], NULL), 0);
	CHECK_EQ("mp-cap-full-again", bh_hook__attach(h, p[0], NULL), -ERANGE);
	bh_hook__free(h);
	for (int i = 0; i <= CAP; i++)
		bh_prog__free(p[i]);
}
#undef CAP

/*
 * A relative of the wrong kind (a program with BPF_F_LINK, a link without
 * it) is the kernel's fd of the wrong kind: -EINVAL, but only after the
 * revision and existence checks, as bpf_mprog_tuple_relative() runs after
 * them.  Regression: bpfhost refused it up front, so a stale revision gave
 * -EINVAL where tcx gives -ESTALE (found by diff_tcx).
 */
static void test_mprog__relative_kind_order(void)
{
	struct bh_hook *h = hook_tcx();
	struct bh_prog *a = prog_ret(1), *b = prog_ret(2), *c = prog_ret(3);
	struct bh_link *l;
	uint64_t rev = 0;
	uint32_t ids[8];

	REQUIRE("mp-kind-setup", h && a && b && c);
	l = bh_link__attach(h, a, NULL);
	REQUIRE("mp-kind-link", l);
	chain(h, ids, NULL, &rev);
	{
		/* a program where a link belongs */
		BH_OPTS(bh_hook_attach_opts, o, .flags = BPF_F_AFTER | BPF_F_LINK,
			.relative_prog = a, .expected_revision = rev + 1);

		CHECK_EQ("mp-kind-prog-stale", bh_hook__attach(h, b, &o),
			 -ESTALE);
		o.expected_revision = 0;
		CHECK_EQ("mp-kind-prog-exists", bh_hook__attach(h, a, &o),
			 -EEXIST);
		CHECK_EQ("mp-kind-prog-einval", bh_hook__attach(h, b, &o),
			 -EINVAL);
	}
	{
		/* a link where a program belongs */
		BH_OPTS(bh_hook_attach_opts, o, .flags = BPF_F_BEFORE,
			.relative_link = l, .expected_revision = rev + 1);

		CHECK_EQ("mp-kind-link-stale", bh_hook__attach(h, b, &o),
			 -ESTALE);
		o.expected_revision = 0;
		CHECK_EQ("mp-kind-link-einval", bh_hook__attach(h, b, &o),
			 -EINVAL);
	}
	{
		BH_OPTS(bh_hook_detach_opts, o, .flags = BPF_F_BEFORE,
			.relative_link = l, .expected_revision = rev + 1);

		CHECK_EQ("mp-kind-detach-stale", bh_hook__detach(h, NULL, &o),
			 -ESTALE);
		o.expected_revision = 0;
		CHECK_EQ("mp-kind-detach-einval", bh_hook__detach(h, NULL, &o),
			 -EINVAL);
	}
	{
		BH_OPTS(bh_link_attach_opts, o, .flags = BPF_F_AFTER | BPF_F_LINK,
			.relative_prog = a, .expected_revision = rev + 1);
		struct bh_link *l2 = bh_link__attach(h, c, &o);

		CHECK("mp-kind-link-create-stale", !l2 && errno == ESTALE);
		o.expected_revision = 0;
		l2 = bh_link__attach(h, c, &o);
		CHECK("mp-kind-link-create-einval", !l2 && errno == EINVAL);
	}
	{
		/* an id and a pointer together has no kernel form: up front */
		BH_OPTS(bh_hook_attach_opts, o, .flags = BPF_F_AFTER | BPF_F_ID,
			.relative_id = ID(a), .relative_prog = a,
			.expected_revision = rev + 1);

		CHECK_EQ("mp-kind-id-and-ptr", bh_hook__attach(h, b, &o),
			 -EINVAL);
	}
	bh_link__free(l);
	bh_hook__free(h);
	bh_prog__free(a);
	bh_prog__free(b);
	bh_prog__free(c);
}

/*
 * A full chain refuses every insertion with -ERANGE right after the
 * relative object is resolved, before BPF_F_BEFORE / AFTER are looked at:
 * a relative without a position directive, which is -EINVAL on a chain
 * with room, is -ERANGE on a full one (tcx does the same; found by
 * diff_tcx).  Replacing still works, and relative errors come first.
 */
static void test_mprog__full_order(void)
{
	enum { CAP = BH_MPROG_MAX - 1 };
	struct bh_hook *h = hook_tcx();
	struct bh_prog *p[CAP + 2];
	struct bh_link *l;

	REQUIRE("mp-full-hook", h);
	for (int i = 0; i < CAP + 2; i++)
		p[i] = prog_ret(i);
	l = bh_link__attach(h, p[0], NULL);
	REQUIRE("mp-full-link", l);
	for (int i = 1; i < CAP; i++)
		bh_hook__attach(h, p[i], NULL);
	{
		BH_OPTS(bh_link_attach_opts, o, .flags = BPF_F_ID | BPF_F_LINK,
			.relative_id = bh_link__id(l));
		struct bh_link *l2 = bh_link__attach(h, p[CAP], &o);

		/* with room: -EINVAL (no position directive) */
		CHECK("mp-full-no-directive", !l2 && errno == ERANGE);
	}
	{
		BH_OPTS(bh_hook_attach_opts, o, .flags = BPF_F_BEFORE | BPF_F_ID,
			.relative_id = 0x7ffffff0);

		/* resolving the relative fails first */
		CHECK_EQ("mp-full-relative-first", bh_hook__attach(h, p[CAP], &o),
			 -ENOENT);
	}
	/* a relative that exists but is not in the chain: full first */
	CHECK_EQ("mp-full-relative-notin",
		 attach_flags(h, p[CAP], BPF_F_BEFORE, p[CAP + 1]), -ERANGE);
	CHECK_EQ("mp-full-after-rel",
		 attach_flags(h, p[CAP], BPF_F_AFTER, p[3]), -ERANGE);
	{
		BH_OPTS(bh_hook_detach_opts, o, .flags = BPF_F_AFTER);

		/* Linux: position count (63) is past bpf_mprog_max() */
		CHECK_EQ("mp-full-detach-after-last",
			 bh_hook__detach(h, NULL, &o), -ERANGE);
		o.flags = BPF_F_BEFORE;
		CHECK_EQ("mp-full-detach-first-is-link",
			 bh_hook__detach(h, NULL, &o), -EBUSY);
	}
	CHECK_EQ("mp-full-detach-last", bh_hook__detach(h, NULL, NULL), -ERANGE);
	bh_link__free(l);
	bh_hook__free(h);
	for (int i = 0; i < CAP + 2; i++)
		bh_prog__free(p[i]);
}

static void test_mprog__query_enospc(void)
{
	struct bh_hook *h = hook_tcx();
	struct bh_prog *p[3];
	uint32_t ids[3] = { 0 }, fl[3] = { 7, 7, 7 };
	BH_OPTS(bh_hook_query_opts, q, .count = 2, .prog_ids = ids,
		.prog_attach_flags = fl);

	for (int i = 0; i < 3; i++)
		p[i] = prog_ret(i);
	REQUIRE("mp-q-setup", h && p[2]);
	for (int i = 0; i < 3; i++)
		bh_hook__attach(h, p[i], NULL);
	CHECK_EQ("mp-q-enospc", bh_hook__query(h, &q), -ENOSPC);
	CHECK_EQ("mp-q-enospc-count", q.count, 3);
	CHECK("mp-q-enospc-fill", ids[0] == ID(p[0]) && ids[1] == ID(p[1]) &&
				  ids[2] == 0);
	CHECK("mp-q-flags", fl[0] == 0 && fl[1] == 0 && fl[2] == 7);
	CHECK_EQ("mp-q-rev", q.revision, 4);
	q.count = 0;
	CHECK_EQ("mp-q-count-only", bh_hook__query(h, &q), 0);
	CHECK_EQ("mp-q-count-only-n", q.count, 3);
	q.query_flags = 1;
	CHECK_EQ("mp-q-flags-einval", bh_hook__query(h, &q), -EINVAL);
	bh_hook__free(h);
	for (int i = 0; i < 3; i++)
		bh_prog__free(p[i]);
}

static void test_link__attach_query_update(void)
{
	struct bh_hook *h = hook_tcx();
	struct bh_prog *a = prog_ret(TCX_PASS), *b = prog_ret(TCX_DROP),
		       *c = prog_ret(TCX_REDIRECT);
	struct bh_prog *s = prog_ret_type(BPF_PROG_TYPE_SYSCALL, 0);
	struct bh_link *l, *l2, *found;
	uint32_t ids[8], links[8];
	uint64_t rev0 = 0, rev = 0, r = 99;

	REQUIRE("ln-setup", h && a && b && c && s);
	l = bh_link__attach(h, a, NULL);
	REQUIRE("ln-attach", l != NULL);
	CHECK("ln-id", bh_link__id(l) != 0);
	found = bh_link__by_id(bh_link__id(l));
	CHECK("ln-by-id", found == l);
	bh_link__free(found);
	CHECK_EQ("ln-count", chain(h, ids, links, &rev0), 1);
	CHECK("ln-query-ids", ids[0] == ID(a) && links[0] == bh_link__id(l));
	CHECK_EQ("ln-run-a", bh_hook__run(h, NULL, &r), 0);
	CHECK_EQ("ln-run-a-ret", r, TCX_PASS);

	/* -EBUSY: a link's program never leaves or is replaced via progs */
	CHECK_EQ("ln-detach-busy", bh_hook__detach(h, a, NULL), -EBUSY);
	{
		BH_OPTS(bh_hook_attach_opts, o, .flags = BPF_F_REPLACE,
			.replace_prog = a);

		CHECK_EQ("ln-replace-busy", bh_hook__attach(h, c, &o), -EBUSY);
	}
	/* update: swap in place */
	CHECK_EQ("ln-update", bh_link__update(l, b, NULL), 0);
	CHECK_EQ("ln-update-prog", bh_link__prog_id(l), ID(b));
	CHECK_EQ("ln-update-run", bh_hook__run(h, NULL, &r), 0);
	CHECK_EQ("ln-update-run-ret", r, TCX_DROP);
	chain(h, ids, links, &rev);
	CHECK("ln-update-query", ids[0] == ID(b) && links[0] == bh_link__id(l));
	CHECK_EQ("ln-update-rev", rev, rev0 + 1);
	CHECK_EQ("ln-update-same", bh_link__update(l, b, b), 0);
	chain(h, ids, links, &rev);
	CHECK_EQ("ln-update-same-rev", rev, rev0 + 1);
	CHECK_EQ("ln-update-eperm", bh_link__update(l, c, a), -EPERM);
	CHECK_EQ("ln-update-type", bh_link__update(l, s, NULL), -EINVAL);
	/* link relative: c after link l by pointer, then by id */
	{
		BH_OPTS(bh_hook_attach_opts, o, .flags = BPF_F_AFTER | BPF_F_LINK,
			.relative_link = l);

		CHECK_EQ("ln-rel-ptr", bh_hook__attach(h, c, &o), 0);
		CHECK_EQ("ln-update-eexist", bh_link__update(l, c, NULL),
			 -EEXIST);
	}
	{
		BH_OPTS(bh_link_attach_opts, lo,
			.flags = BPF_F_BEFORE | BPF_F_LINK | BPF_F_ID,
			.relative_id = bh_link__id(l));

		l2 = bh_link__attach(h, a, &lo);
		CHECK("ln-rel-id", l2 != NULL);
	}
	CHECK_EQ("ln-chain3", chain(h, ids, links, NULL), 3);
	CHECK("ln-chain3-order", ids[0] == ID(a) && ids[1] == ID(b) &&
				 ids[2] == ID(c));
	CHECK("ln-chain3-links", links[0] == bh_link__id(l2) &&
				 links[1] == bh_link__id(l) && links[2] == 0);
	{
		BH_OPTS(bh_hook_query_opts, q, .count = 8, .prog_ids = ids);

		CHECK_EQ("ln-query-through", bh_link__query(l, &q), 0);
		CHECK_EQ("ln-query-through-n", q.count, 3);
	}
	/* a relative link in a detach */
	{
		BH_OPTS(bh_hook_detach_opts, o, .flags = BPF_F_AFTER | BPF_F_LINK,
			.relative_link = l);

		CHECK_EQ("ln-det-rel", bh_hook__detach(h, c, &o), 0);
	}
	/* detach leaves a defunct link */
	CHECK_EQ("ln-detach", bh_link__detach(l), 0);
	CHECK("ln-defunct", !bh_link__attached(l));
	CHECK_EQ("ln-defunct-detach", bh_link__detach(l), 0); /* as tcx */
	CHECK_EQ("ln-defunct-update", bh_link__update(l, c, NULL), -ENOLINK);
	{
		BH_OPTS(bh_hook_query_opts, q);

		CHECK_EQ("ln-defunct-query", bh_link__query(l, &q), -ENOLINK);
	}
	CHECK_EQ("ln-after-detach", chain(h, ids, links, NULL), 1);
	/* freeing an attached link detaches it */
	bh_link__free(l2);
	CHECK_EQ("ln-free-detaches", chain(h, ids, links, NULL), 0);
	bh_link__free(l);
	bh_hook__free(h);
	bh_prog__free(a);
	bh_prog__free(b);
	bh_prog__free(c);
	bh_prog__free(s);
}

static void test_link__replace_flag_and_hook_free(void)
{
	struct bh_hook *h = hook_tcx();
	struct bh_prog *a = prog_ret(1), *b = prog_ret(2);
	BH_OPTS(bh_link_attach_opts, lo, .flags = BPF_F_REPLACE);
	struct bh_link *l;

	REQUIRE("lh-setup", h && a && b);
	CHECK("lh-replace", !bh_link__attach(h, a, &lo) && errno == ENOENT);
	l = bh_link__attach(h, a, NULL);
	REQUIRE("lh-attach", l);
	bh_hook__free(h);
	CHECK("lh-defunct", !bh_link__attached(l));
	CHECK_EQ("lh-defunct-update", bh_link__update(l, b, NULL), -ENOLINK);
	bh_link__free(l);
	bh_prog__free(a);
	bh_prog__free(b);
}

static void test_hook__run_tcx(void)
{
	BH_OPTS(bh_hook_opts, ho, .ctx_size = 64, .default_ret = TCX_PASS);
	struct bh_hook *h = bh_hook__new(BPF_PROG_TYPE_XDP, &ho);
	struct bh_prog *p0 = prog_mark(0, TCX_NEXT), *p1 = prog_mark(1, TCX_DROP),
		       *p2 = prog_mark(2, TCX_REDIRECT);
	uint64_t ctx[8] = { 0 }, r = 99;

	REQUIRE("run-tcx-setup", h && p0 && p1 && p2);
	CHECK_EQ("run-tcx-empty", bh_hook__run(h, ctx, &r), 0);
	CHECK_EQ("run-tcx-empty-ret", r, TCX_PASS);
	bh_hook__attach(h, p0, NULL);
	CHECK_EQ("run-tcx-exhausted", bh_hook__run(h, ctx, &r), 0);
	CHECK_EQ("run-tcx-exhausted-ret", r, TCX_PASS);
	bh_hook__attach(h, p1, NULL);
	bh_hook__attach(h, p2, NULL);
	memset(ctx, 0, sizeof(ctx));
	CHECK_EQ("run-tcx", bh_hook__run(h, ctx, &r), 0);
	CHECK_EQ("run-tcx-ret", r, TCX_DROP);
	CHECK("run-tcx-ran", ctx[0] == 1 && ctx[1] == 1);
	CHECK_EQ("run-tcx-stopped", ctx[2], 0);
	bh_hook__free(h);
	bh_prog__free(p0);
	bh_prog__free(p1);
	bh_prog__free(p2);
}

static void test_hook__run_all(void)
{
	BH_OPTS(bh_hook_opts, ho, .policy = BH_HOOK_POLICY_ALL, .ctx_size = 64,
		.default_ret = 1);
	struct bh_hook *h = bh_hook__new(BPF_PROG_TYPE_XDP, &ho);
	struct bh_prog *p0 = prog_mark(0, 1), *p1 = prog_mark(1, 0),
		       *p2 = prog_mark(2, 1);
	uint64_t ctx[8] = { 0 }, r = 99;

	REQUIRE("run-all-setup", h && p0 && p1 && p2);
	bh_hook__attach(h, p0, NULL);
	bh_hook__attach(h, p2, NULL);
	CHECK_EQ("run-all-allow", bh_hook__run(h, ctx, &r), 0);
	CHECK_EQ("run-all-allow-ret", r, 1);
	bh_hook__attach(h, p1, NULL);
	memset(ctx, 0, sizeof(ctx));
	CHECK_EQ("run-all-deny", bh_hook__run(h, ctx, &r), 0);
	CHECK_EQ("run-all-deny-ret", r, 0);
	CHECK("run-all-every", ctx[0] == 1 && ctx[1] == 1 && ctx[2] == 1);
	bh_hook__free(h);
	bh_prog__free(p0);
	bh_prog__free(p1);
	bh_prog__free(p2);
}

/*
 * A hook builds no xdp_md: a verified XDP program run by one must not trust
 * data and data_end read from the raw buffer.  Here they point at unmapped
 * low memory and pass the program's bounds check; the read must fault (the
 * hook runs verified programs checked) rather than touch address 0x10.
 */
static void test_hook__verified_prog_raw_ctx(void)
{
	struct bpf_insn insns[] = {
		/* r2 = data; r3 = data_end */
		{ .code = BPF_LDX | BPF_MEM | BPF_W, .dst_reg = 2, .src_reg = 1, .off = 0 },
		{ .code = BPF_LDX | BPF_MEM | BPF_W, .dst_reg = 3, .src_reg = 1, .off = 4 },
		/* r4 = r2 + 1; if r4 > r3 goto +2 */
		{ .code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = 4, .src_reg = 2 },
		{ .code = BPF_ALU64 | BPF_ADD | BPF_K, .dst_reg = 4, .imm = 1 },
		{ .code = BPF_JMP | BPF_JGT | BPF_X, .dst_reg = 4, .src_reg = 3, .off = 2 },
		/* r0 = *(u8 *)data; exit */
		{ .code = BPF_LDX | BPF_MEM | BPF_B, .dst_reg = 0, .src_reg = 2, .off = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = XDP_PASS },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	BH_OPTS(bh_hook_opts, ho, .ctx_size = 24, .default_ret = XDP_PASS);
	struct bh_hook *h = bh_hook__new(BPF_PROG_TYPE_XDP, &ho);
	struct bh_prog *p = bh_prog__load(BPF_PROG_TYPE_XDP, insns,
					  BH_ARRAY_LEN(insns), NULL); /* verified */
	uint32_t ctx[6] = { 0x10, 0x20 }; /* fake data, data_end */
	uint64_t r = 99;

	REQUIRE("raw-ctx-setup", h && p);
	REQUIRE("raw-ctx-attach", !bh_hook__attach(h, p, NULL));
	errno = 0;
	CHECK("raw-ctx-faults", bh_hook__run(h, ctx, &r) < 0 && errno == EFAULT);
	CHECK_EQ("raw-ctx-no-result", r, 99);
	/* data == data_end: the bounds check fails, no read, the run is fine */
	ctx[0] = ctx[1] = 0x10;
	CHECK_EQ("raw-ctx-empty", bh_hook__run(h, ctx, &r), 0);
	CHECK_EQ("raw-ctx-empty-ret", r, XDP_PASS);
	bh_hook__free(h);
	bh_prog__free(p);
}

/* As above, with the packet read in a bpf_loop callback: callbacks of a
 * checked run are checked too. */
static void test_hook__verified_prog_raw_ctx_callback(void)
{
	struct bpf_insn insns[] = {
		/* spill data (fp-8) and data_end (fp-16); bpf_loop(1, cb, fp-16, 0) */
		{ .code = BPF_LDX | BPF_MEM | BPF_W, .dst_reg = 2, .src_reg = 1, .off = 0 },
		{ .code = BPF_LDX | BPF_MEM | BPF_W, .dst_reg = 3, .src_reg = 1, .off = 4 },
		{ .code = BPF_STX | BPF_MEM | BPF_DW, .dst_reg = 10, .src_reg = 2, .off = -8 },
		{ .code = BPF_STX | BPF_MEM | BPF_DW, .dst_reg = 10, .src_reg = 3, .off = -16 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 1, .imm = 1 },
		{ .code = BPF_LD | BPF_IMM | BPF_DW, .dst_reg = 2,
		  .src_reg = BPF_PSEUDO_FUNC, .imm = 7 }, /* to 13 */
		{ 0 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = 3, .src_reg = 10 },
		{ .code = BPF_ALU64 | BPF_ADD | BPF_K, .dst_reg = 3, .imm = -16 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 4, .imm = 0 },
		{ .code = BPF_JMP | BPF_CALL, .imm = BPF_FUNC_loop },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = XDP_PASS },
		{ .code = BPF_JMP | BPF_EXIT },
		/* 13: cb(index, ctx): if data + 1 <= data_end, read data[0] */
		{ .code = BPF_LDX | BPF_MEM | BPF_DW, .dst_reg = 3, .src_reg = 2, .off = 0 },
		{ .code = BPF_LDX | BPF_MEM | BPF_DW, .dst_reg = 4, .src_reg = 2, .off = 8 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = 5, .src_reg = 4 },
		{ .code = BPF_ALU64 | BPF_ADD | BPF_K, .dst_reg = 5, .imm = 1 },
		{ .code = BPF_JMP | BPF_JGT | BPF_X, .dst_reg = 5, .src_reg = 3, .off = 1 },
		{ .code = BPF_LDX | BPF_MEM | BPF_B, .dst_reg = 0, .src_reg = 4, .off = 0 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	char log[4096] = "";
	BH_OPTS(bh_prog_load_opts, lo, .log_buf = log, .log_size = sizeof(log),
		.log_level = 1);
	BH_OPTS(bh_hook_opts, ho, .ctx_size = 24, .default_ret = XDP_PASS);
	struct bh_hook *h = bh_hook__new(BPF_PROG_TYPE_XDP, &ho);
	struct bh_prog *p = bh_prog__load(BPF_PROG_TYPE_XDP, insns,
					  BH_ARRAY_LEN(insns), &lo); /* verified */
	uint32_t ctx[6] = { 0x10, 0x20 }; /* fake data, data_end */
	uint64_t r = 99;

	if (!p)
		fprintf(stderr, "  load: %s\n", log);
	REQUIRE("raw-ctx-cb-setup", h && p);
	REQUIRE("raw-ctx-cb-attach", !bh_hook__attach(h, p, NULL));
	errno = 0;
	CHECK("raw-ctx-cb-faults", bh_hook__run(h, ctx, &r) < 0 && errno == EFAULT);
	CHECK_EQ("raw-ctx-cb-no-result", r, 99);
	bh_hook__free(h);
	bh_prog__free(p);
}

static bool stop_at_7(void *ctx, uint64_t retval, void *arg)
{
	(*(int *)arg)++;
	return retval != 7;
}

static void test_hook__run_callback(void)
{
	int calls = 0;
	BH_OPTS(bh_hook_opts, ho, .policy = BH_HOOK_POLICY_CALLBACK,
		.callback = stop_at_7, .callback_arg = &calls);
	struct bh_hook *h = bh_hook__new(BPF_PROG_TYPE_XDP, &ho);
	struct bh_prog *p0 = prog_ret(3), *p1 = prog_ret(7), *p2 = prog_ret(9);
	uint64_t r = 0;

	REQUIRE("run-cb-setup", h && p0 && p1 && p2);
	CHECK("run-cb-needs-fn",
	      !bh_hook__new(BPF_PROG_TYPE_XDP,
			    &(struct bh_hook_opts){
				    .sz = sizeof(struct bh_hook_opts),
				    .policy = BH_HOOK_POLICY_CALLBACK }) &&
		      errno == EINVAL);
	bh_hook__attach(h, p0, NULL);
	bh_hook__attach(h, p1, NULL);
	bh_hook__attach(h, p2, NULL);
	CHECK_EQ("run-cb", bh_hook__run(h, NULL, &r), 0);
	CHECK_EQ("run-cb-ret", r, 7);
	CHECK_EQ("run-cb-calls", calls, 2);
	bh_hook__free(h);
	bh_prog__free(p0);
	bh_prog__free(p1);
	bh_prog__free(p2);
}

static const struct bh_test_case tests[] = {
	BH_TEST(test_mprog__append_and_revision),
	BH_TEST(test_mprog__before_after_first_last),
	BH_TEST(test_mprog__relative_by_id),
	BH_TEST(test_mprog__replace),
	BH_TEST(test_mprog__errors),
	BH_TEST(test_mprog__detach),
	BH_TEST(test_mprog__capacity),
	BH_TEST(test_mprog__relative_kind_order),
	BH_TEST(test_mprog__full_order),
	BH_TEST(test_mprog__query_enospc),
	BH_TEST(test_link__attach_query_update),
	BH_TEST(test_link__replace_flag_and_hook_free),
	BH_TEST(test_hook__run_tcx),
	BH_TEST(test_hook__run_all),
	BH_TEST(test_hook__verified_prog_raw_ctx),
	BH_TEST(test_hook__verified_prog_raw_ctx_callback),
	BH_TEST(test_hook__run_callback),
};

BH_TEST_MAIN(tests)
