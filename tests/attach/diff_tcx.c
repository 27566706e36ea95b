/* SPDX-License-Identifier: MIT */
/*
 * tests/attach/diff_tcx.c - differential test of bpfhost hooks (mprog
 * chains and links) against the kernel's tcx ingress hook, through the raw
 * bpf() syscall.
 *
 *	diff_tcx [--seed N] [--steps N] [--verbose]
 *
 * --steps (or --ops, which run-diff.sh passes to every test) is the total,
 * split between the two variants below; default 50 000.  --seed replays a
 * run (the seed is printed first); --verbose prints every step.
 *
 * A seeded generator issues BPF_PROG_ATTACH / BPF_PROG_DETACH /
 * BPF_PROG_QUERY / BPF_LINK_CREATE / BPF_LINK_UPDATE / BPF_LINK_DETACH
 * (plus closing links and reading link info) with every flag combination
 * (BPF_F_BEFORE, BPF_F_AFTER, BPF_F_REPLACE, BPF_F_ID, BPF_F_LINK, an
 * unknown bit now and then), relative objects by program or link, by fd or
 * id, missing, stale, or of the wrong kind, and expected_revision right,
 * wrong or 0.  Each call goes to a bpfhost hook (type XDP: bpfhost has no
 * SCHED_CLS yet and the attach algorithm does not look at the type) and to
 * the kernel's tcx ingress of `lo` in a network namespace of the test's own
 * (unshare(CLONE_NEWNET): the host's devices are never touched).  After
 * every step the return codes (errno), and a full query of both chains
 * (count, program order, link ownership and link ids, revision) must agree;
 * program and link ids are mapped through tables, since the two worlds
 * number their objects independently.
 *
 * Two variants, each in a fresh namespace:
 *
 *   tcx_clsact: `lo` carries a clsact qdisc, so the kernel keeps its tcx
 *     entry while the chain is empty: no modelling at all, the revision and
 *     every errno must match bpfhost's exactly.
 *
 *   tcx_bare: no qdisc.  The kernel frees its tcx entry when the last
 *     program leaves (tcx_entry_is_active() is false) and creates a fresh
 *     one, revision 1, on the next attach, while a bpfhost hook keeps its
 *     revision (docs/attach.md).  The model, explicitly: the kernel's
 *     revision is bpfhost's minus an offset, and whenever the chain becomes
 *     empty the offset becomes bpfhost's revision - 1 (the kernel's query of
 *     an absent entry reports revision 1, count 0; an -ENOENT from it is
 *     accepted too).  The expected_revision passed is each side's own
 *     (right) or both sides' plus the same delta (wrong).  With no entry,
 *     BPF_PROG_DETACH fails with -ENOENT before looking at flags or the
 *     revision (tcx_prog_detach()); bpfhost must then fail too, with any
 *     errno.
 *
 * One more difference is modelled in both variants: BPF_LINK_CREATE does not
 * validate tcx flags, so unknown bits pass when a position flag is given;
 * bpfhost refuses them (docs/attach.md).  Such a step requires -EINVAL from
 * bpfhost and closes a kernel link made anyway (two kernel revisions more,
 * added to the offset, or a fresh entry on the bare device).
 *
 * Differences found and fixed in bpfhost (regression tests in
 * test_mprog.c): a chain holds 63 programs, not 64; a full chain refuses an
 * insertion before the directives are looked at; a relative of the wrong
 * kind fails after -ESTALE / -EEXIST.
 *
 * Prints "ok NAME (N steps)", "not ok NAME" with the step, both results and
 * the seed, or "skip NAME: why" when bpf(), unshare() or tc is refused.
 */
#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <bpfhost/bpfhost.h>

/* ---- The kernel's ABI (Linux 6.6+; Debian's <linux/bpf.h> is 6.1) ------ */

enum {
	K_PROG_LOAD = 5,
	K_PROG_ATTACH = 8,
	K_PROG_DETACH = 9,
	K_OBJ_GET_INFO_BY_FD = 15,
	K_PROG_QUERY = 16,
	K_LINK_CREATE = 28,
	K_LINK_UPDATE = 29,
	K_LINK_DETACH = 34,
};
#define K_PROG_TYPE_SCHED_CLS 3
#define K_PROG_TYPE_XDP 6
#define K_TCX_INGRESS 46
#define K_LINK_TYPE_TCX 11

/* union bpf_attr, BPF_PROG_LOAD (the fields used) */
struct k_load_attr {
	uint32_t prog_type;
	uint32_t insn_cnt;
	uint64_t insns;
	uint64_t license;
};

/* BPF_PROG_ATTACH / BPF_PROG_DETACH */
struct k_attach_attr {
	uint32_t target_ifindex;
	uint32_t attach_bpf_fd;
	uint32_t attach_type;
	uint32_t attach_flags;
	uint32_t replace_bpf_fd;
	uint32_t relative_fd; /* or relative_id */
	uint64_t expected_revision;
};
_Static_assert(__builtin_offsetof(struct k_attach_attr, relative_fd) == 20, "");
_Static_assert(__builtin_offsetof(struct k_attach_attr, expected_revision) == 24, "");

/* BPF_PROG_QUERY */
struct k_query_attr {
	uint32_t target_ifindex;
	uint32_t attach_type;
	uint32_t query_flags;
	uint32_t attach_flags;
	uint64_t prog_ids;
	uint32_t count;
	uint32_t pad;
	uint64_t prog_attach_flags;
	uint64_t link_ids;
	uint64_t link_attach_flags;
	uint64_t revision;
};
_Static_assert(__builtin_offsetof(struct k_query_attr, count) == 24, "");
_Static_assert(__builtin_offsetof(struct k_query_attr, revision) == 56, "");

/* BPF_LINK_CREATE with link_create.tcx */
struct k_link_create_attr {
	uint32_t prog_fd;
	uint32_t target_ifindex;
	uint32_t attach_type;
	uint32_t flags;
	uint32_t relative_fd; /* tcx.relative_fd / relative_id */
	uint32_t pad;
	uint64_t expected_revision;
};
_Static_assert(__builtin_offsetof(struct k_link_create_attr, relative_fd) == 16, "");
_Static_assert(__builtin_offsetof(struct k_link_create_attr, expected_revision) == 24, "");

/* BPF_LINK_UPDATE */
struct k_link_update_attr {
	uint32_t link_fd;
	uint32_t new_prog_fd;
	uint32_t flags;
	uint32_t old_prog_fd;
};

/* BPF_OBJ_GET_INFO_BY_FD */
struct k_info_attr {
	uint32_t bpf_fd;
	uint32_t info_len;
	uint64_t info;
};

/* struct bpf_link_info, the tcx member */
struct k_link_info {
	uint32_t type;
	uint32_t id;
	uint32_t prog_id;
	uint32_t pad;
	uint32_t ifindex;
	uint32_t attach_type;
};

static int sys_bpf(int cmd, void *attr, size_t size)
{
	long r = syscall(__NR_bpf, cmd, attr, size);

	return r < 0 ? -errno : (int)r;
}

static int k_prog_load(uint32_t type, int32_t k)
{
	struct bpf_insn insns[2] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = k },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct k_load_attr a = {
		.prog_type = type,
		.insn_cnt = 2,
		.insns = (uint64_t)(uintptr_t)insns,
		.license = (uint64_t)(uintptr_t)"GPL",
	};

	return sys_bpf(K_PROG_LOAD, &a, sizeof(a));
}

/* Id of a program (@link false) or link behind @fd; 0 on failure. */
static uint32_t k_obj_id(int fd)
{
	uint32_t info[64] = { 0 };
	struct k_info_attr a = {
		.bpf_fd = (uint32_t)fd,
		.info_len = 8,
		.info = (uint64_t)(uintptr_t)info,
	};

	return sys_bpf(K_OBJ_GET_INFO_BY_FD, &a, sizeof(a)) ? 0 : info[1];
}

static int k_link_info(int fd, struct k_link_info *li)
{
	struct k_info_attr a = {
		.bpf_fd = (uint32_t)fd,
		.info_len = sizeof(*li),
		.info = (uint64_t)(uintptr_t)li,
	};

	memset(li, 0, sizeof(*li));
	return sys_bpf(K_OBJ_GET_INFO_BY_FD, &a, sizeof(a));
}

/* ---- Random numbers (xorshift64*) --------------------------------------- */

static uint64_t rng;

static uint64_t rnd64(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static uint32_t rn(uint32_t n)
{
	return n ? (uint32_t)(rnd64() % n) : 0;
}

static bool chance(uint32_t percent)
{
	return rn(100) < percent;
}

/* ---- Objects in both worlds --------------------------------------------- */

/* NPROG programs of the hook's type, then one of another type. */
#define NPROG 72
#define WRONG NPROG
#define NLINK 96
#define IFINDEX 1 /* lo in a fresh namespace */
#define NO_SUCH_ID 0x7ffffff0u

struct dprog {
	int kfd;
	uint32_t kid;
	struct bh_prog *h;
	uint32_t hid;
};

struct dlink {
	bool live;
	int kfd;
	uint32_t kid;
	struct bh_link *h;
	uint32_t hid;
};

static struct dprog progs[NPROG + 1];
static struct dlink links[NLINK];
static uint32_t stale_kid, stale_hid; /* ids of the last link closed */

static struct bh_hook *hook;
static bool bare;      /* variant: no clsact qdisc */
static uint64_t rev_off; /* bare: kernel revision = bpfhost's - rev_off */

static uint64_t seed;
static const char *variant;
static uint64_t step;
static bool verbose;
static char desc[512]; /* the step being run, for failure reports */
static bool failed;

static int prog_by_kid(uint32_t id)
{
	for (int i = 0; i <= NPROG; i++)
		if (progs[i].kid == id)
			return i;
	return -1;
}

static int prog_by_hid(uint32_t id)
{
	for (int i = 0; i <= NPROG; i++)
		if (progs[i].hid == id)
			return i;
	return -1;
}

static int link_by_kid(uint32_t id)
{
	for (int i = 0; i < NLINK; i++)
		if (links[i].live && links[i].kid == id)
			return i;
	return -1;
}

static int link_by_hid(uint32_t id)
{
	for (int i = 0; i < NLINK; i++)
		if (links[i].live && links[i].hid == id)
			return i;
	return -1;
}

__attribute__((format(printf, 1, 2))) static void fail(const char *fmt, ...)
{
	va_list ap;

	if (failed)
		return;
	failed = true;
	printf("not ok %s: step %" PRIu64 " (seed %" PRIu64 "): ", variant,
	       step, seed);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n  step: %s\n  rerun: diff_tcx --seed %" PRIu64 "\n", desc,
	       seed);
	fflush(stdout);
}

/* ---- Chains ------------------------------------------------------------- */

struct chain {
	int ret;
	uint32_t count;
	uint64_t revision;
	uint32_t prog_ids[BH_MPROG_MAX + 8];
	uint32_t link_ids[BH_MPROG_MAX + 8];
	uint32_t prog_flags[BH_MPROG_MAX + 8];
	uint32_t link_flags[BH_MPROG_MAX + 8];
	uint32_t attach_flags;
};

#define SENTINEL 0xdeadbeefu

static void chain_init(struct chain *c)
{
	memset(c, 0, sizeof(*c));
	for (int i = 0; i < BH_MPROG_MAX + 8; i++)
		c->prog_ids[i] = c->link_ids[i] = c->prog_flags[i] =
			c->link_flags[i] = SENTINEL;
	c->attach_flags = SENTINEL;
}

/* Query both; @cap entries, NULL arrays as @mask says (1 prog_ids, 2 link_ids,
 * 4 prog flags, 8 link flags), @qflags query_flags. */
static void query_both(struct chain *k, struct chain *h, uint32_t cap,
		       unsigned int mask, uint32_t qflags, uint32_t aflags)
{
	struct k_query_attr a;

	chain_init(k);
	chain_init(h);
	memset(&a, 0, sizeof(a));
	a.target_ifindex = IFINDEX;
	a.attach_type = K_TCX_INGRESS;
	a.query_flags = qflags;
	a.attach_flags = aflags; /* in: must be 0 */
	a.count = cap;
	if (mask & 1)
		a.prog_ids = (uint64_t)(uintptr_t)k->prog_ids;
	if (mask & 2)
		a.link_ids = (uint64_t)(uintptr_t)k->link_ids;
	if (mask & 4)
		a.prog_attach_flags = (uint64_t)(uintptr_t)k->prog_flags;
	if (mask & 8)
		a.link_attach_flags = (uint64_t)(uintptr_t)k->link_flags;
	a.revision = 0xabcdabcd; /* out */
	k->ret = sys_bpf(K_PROG_QUERY, &a, sizeof(a));
	k->count = a.count;
	k->revision = a.revision;
	k->attach_flags = a.attach_flags;

	BH_OPTS(bh_hook_query_opts, q, .query_flags = qflags, .count = cap,
		.prog_ids = mask & 1 ? h->prog_ids : NULL,
		.link_ids = mask & 2 ? h->link_ids : NULL,
		.prog_attach_flags = mask & 4 ? h->prog_flags : NULL,
		.link_attach_flags = mask & 8 ? h->link_flags : NULL,
		.revision = 0xabcdabcd);
	q.attach_flags = aflags;
	h->ret = bh_hook__query(hook, &q);
	h->count = q.count;
	h->revision = q.revision;
	h->attach_flags = q.attach_flags;
}

/* bpfhost's chain alone (count and revision). */
static void h_state(uint32_t *count, uint64_t *rev)
{
	BH_OPTS(bh_hook_query_opts, q);

	bh_hook__query(hook, &q);
	*count = q.count;
	*rev = q.revision;
}

static const char *pname(int idx, char *buf)
{
	if (idx < 0)
		return "?";
	snprintf(buf, 16, idx == WRONG ? "W" : "P%d", idx);
	return buf;
}

static void print_chains(const struct chain *k, const struct chain *h)
{
	char b[16];

	printf("  kernel : ret %d count %u rev %" PRIu64 " [", k->ret, k->count,
	       k->revision);
	for (uint32_t i = 0; i < k->count && i < BH_MPROG_MAX; i++)
		printf(" %s/L%d", pname(prog_by_kid(k->prog_ids[i]), b),
		       k->link_ids[i] ? link_by_kid(k->link_ids[i]) : -1);
	printf(" ]\n  bpfhost: ret %d count %u rev %" PRIu64 " [", h->ret,
	       h->count, h->revision);
	for (uint32_t i = 0; i < h->count && i < BH_MPROG_MAX; i++)
		printf(" %s/L%d", pname(prog_by_hid(h->prog_ids[i]), b),
		       h->link_ids[i] ? link_by_hid(h->link_ids[i]) : -1);
	printf(" ]\n");
}

/* Compare entry @i of an array filled by both (ids mapped). */
static bool same_prog(uint32_t kid, uint32_t hid)
{
	if (kid == SENTINEL || hid == SENTINEL)
		return kid == hid;
	return prog_by_kid(kid) >= 0 && prog_by_kid(kid) == prog_by_hid(hid);
}

static bool same_link(uint32_t kid, uint32_t hid)
{
	if (kid == SENTINEL || hid == SENTINEL || !kid || !hid)
		return kid == hid;
	return link_by_kid(kid) >= 0 && link_by_kid(kid) == link_by_hid(hid);
}

/* Compare two query results under the revision model. */
static void compare_chains(const struct chain *k, const struct chain *h,
			   const char *what)
{
	uint32_t n = BH_MPROG_MAX + 8, hcount;
	uint64_t hrev;

	if (failed)
		return;
	h_state(&hcount, &hrev);
	if (bare && hcount == 0 && k->ret == -ENOENT)
		return; /* modelled: no tcx entry */
	if (k->ret != h->ret) {
		fail("%s: query returned kernel %d, bpfhost %d", what, k->ret,
		     h->ret);
		print_chains(k, h);
		return;
	}
	if (k->ret && k->ret != -ENOSPC)
		return;
	if (k->count != h->count || k->revision + rev_off != h->revision ||
	    k->attach_flags != h->attach_flags) {
		fail("%s: count kernel %u bpfhost %u, revision kernel %" PRIu64
		     " (+%" PRIu64 " modelled) bpfhost %" PRIu64
		     ", attach_flags %#x %#x",
		     what, k->count, h->count, k->revision, rev_off,
		     h->revision, k->attach_flags, h->attach_flags);
		print_chains(k, h);
		return;
	}
	for (uint32_t i = 0; i < n; i++) {
		if (!same_prog(k->prog_ids[i], h->prog_ids[i]) ||
		    !same_link(k->link_ids[i], h->link_ids[i]) ||
		    k->prog_flags[i] != h->prog_flags[i] ||
		    k->link_flags[i] != h->link_flags[i]) {
			fail("%s: entry %u differs (prog %#x/%#x link %#x/%#x "
			     "flags %#x/%#x %#x/%#x)",
			     what, i, k->prog_ids[i], h->prog_ids[i],
			     k->link_ids[i], h->link_ids[i], k->prog_flags[i],
			     h->prog_flags[i], k->link_flags[i],
			     h->link_flags[i]);
			print_chains(k, h);
			return;
		}
	}
}

/* Full query of both after each step. */
static void check_chains(void)
{
	struct chain k, h;

	query_both(&k, &h, BH_MPROG_MAX, 15, 0, 0);
	compare_chains(&k, &h, "chain after the step");
}

static void check_link(int i)
{
	struct k_link_info li;
	int kr, kp, hp;
	bool katt, hatt;

	if (failed || !links[i].live)
		return;
	kr = k_link_info(links[i].kfd, &li);
	if (kr) {
		fail("link info of L%d: kernel %d", i, kr);
		return;
	}
	kp = prog_by_kid(li.prog_id);
	hp = prog_by_hid(bh_link__prog_id(links[i].h));
	katt = li.ifindex != 0;
	hatt = bh_link__attached(links[i].h);
	if (li.type != K_LINK_TYPE_TCX || li.id != links[i].kid ||
	    li.attach_type != K_TCX_INGRESS)
		fail("link info of L%d: type %u id %u attach_type %u", i,
		     li.type, li.id, li.attach_type);
	else if (kp != hp || kp < 0 || katt != hatt)
		fail("link L%d: kernel prog %d attached %d, bpfhost prog %d "
		     "attached %d", i, kp, katt, hp, hatt);
}

static void check_links(void)
{
	for (int i = 0; i < NLINK; i++)
		check_link(i);
}

/* ---- Picking arguments ---------------------------------------------------- */

static bool prog_attached(int p)
{
	uint32_t ids[BH_MPROG_MAX];
	BH_OPTS(bh_hook_query_opts, q, .count = BH_MPROG_MAX, .prog_ids = ids);

	if (p == WRONG)
		return false;
	bh_hook__query(hook, &q);
	for (uint32_t i = 0; i < q.count && i < BH_MPROG_MAX; i++)
		if (ids[i] == progs[p].hid)
			return true;
	return false;
}

/* A program: sometimes of the wrong type; @in_chain percent from the chain. */
static int pick_prog(uint32_t wrong_pct, uint32_t in_chain)
{
	uint32_t ids[BH_MPROG_MAX];
	BH_OPTS(bh_hook_query_opts, q, .count = BH_MPROG_MAX, .prog_ids = ids);

	if (chance(wrong_pct))
		return WRONG;
	bh_hook__query(hook, &q);
	if (q.count && chance(in_chain))
		return prog_by_hid(ids[rn(q.count)]);
	for (int tries = 0; tries < 8; tries++) {
		int p = (int)rn(NPROG);

		if (!prog_attached(p) || tries == 7)
			return p;
	}
	return (int)rn(NPROG);
}

/* A live link slot, attached ones @att percent of the time; -1 if none. */
static int pick_link(uint32_t att)
{
	int live[NLINK], attached[NLINK], nl = 0, na = 0;

	for (int i = 0; i < NLINK; i++) {
		if (!links[i].live)
			continue;
		live[nl++] = i;
		if (bh_link__attached(links[i].h))
			attached[na++] = i;
	}
	if (na && chance(att))
		return attached[rn((uint32_t)na)];
	return nl ? live[rn((uint32_t)nl)] : -1;
}

static int free_link_slot(void)
{
	for (int i = 0; i < NLINK; i++)
		if (!links[i].live)
			return i;
	return -1;
}

/* The relative object of a request, in both worlds. */
struct rel {
	uint32_t kval;           /* relative_fd / relative_id */
	uint32_t hid;            /* bpfhost relative_id */
	const struct bh_prog *hprog;
	const struct bh_link *hlink;
	char what[48];
};

static void pick_relative(uint32_t flags, struct rel *r)
{
	bool by_id = flags & BPF_F_ID, lnk = flags & BPF_F_LINK;
	uint32_t roll = rn(100);
	int p, l;

	memset(r, 0, sizeof(*r));
	snprintf(r->what, sizeof(r->what), "none");
	if (lnk) {
		if (roll < 75 && (l = pick_link(80)) >= 0) {
			snprintf(r->what, sizeof(r->what), "link L%d", l);
			if (by_id) {
				r->kval = links[l].kid;
				r->hid = links[l].hid;
			} else {
				r->kval = (uint32_t)links[l].kfd;
				r->hlink = links[l].h;
			}
		} else if (roll < 85 && by_id && stale_kid) {
			snprintf(r->what, sizeof(r->what), "closed link id");
			r->kval = stale_kid;
			r->hid = stale_hid;
		} else if (roll < 93 && !by_id) {
			/* a program's fd where a link's is expected */
			p = pick_prog(3, 60);
			snprintf(r->what, sizeof(r->what), "prog P%d as link", p);
			r->kval = (uint32_t)progs[p].kfd;
			r->hprog = progs[p].h;
		} /* else none: fd / id 0 */
		return;
	}
	if (roll < 70) {
		p = pick_prog(4, 75);
		snprintf(r->what, sizeof(r->what), "prog P%d", p);
		if (by_id) {
			r->kval = progs[p].kid;
			r->hid = progs[p].hid;
		} else {
			r->kval = (uint32_t)progs[p].kfd;
			r->hprog = progs[p].h;
		}
	} else if (roll < 78 && by_id) {
		snprintf(r->what, sizeof(r->what), "no such prog id");
		r->kval = r->hid = NO_SUCH_ID;
	} else if (roll < 86 && !by_id && (l = pick_link(60)) >= 0) {
		/* a link's fd where a program's is expected */
		snprintf(r->what, sizeof(r->what), "link L%d as prog", l);
		r->kval = (uint32_t)links[l].kfd;
		r->hlink = links[l].h;
	} /* else none */
}

static uint32_t pick_flags(uint32_t replace_pct)
{
	uint32_t f = 0;

	if (chance(40))
		f |= BPF_F_BEFORE;
	if (chance(35))
		f |= BPF_F_AFTER;
	if (chance(replace_pct))
		f |= BPF_F_REPLACE;
	if (chance(30))
		f |= BPF_F_ID;
	if (chance(25))
		f |= BPF_F_LINK;
	if (chance(2))
		f |= 1u << rn(2); /* BPF_F_ALLOW_OVERRIDE / MULTI: not mprog */
	if (chance(1))
		f |= 1u << 6;
	return f;
}

/* expected_revision for each side: 0, right, or wrong by the same delta. */
static void pick_revision(uint64_t *k, uint64_t *h, char *what, size_t sz)
{
	static const uint64_t deltas[] = { 1, 2, 3, 17, 1000000 };
	uint64_t hrev;
	uint32_t cnt, roll = rn(100);

	h_state(&cnt, &hrev);
	if (roll < 55) {
		*k = *h = 0;
		snprintf(what, sz, "rev 0");
	} else if (roll < 85) {
		*h = hrev;
		*k = hrev - rev_off;
		snprintf(what, sz, "rev right");
	} else {
		uint64_t d = deltas[rn(5)];

		*h = hrev + d;
		*k = hrev - rev_off + d;
		snprintf(what, sz, "rev wrong(+%" PRIu64 ")", d);
	}
}

#define MPROG_FLAGS \
	(BPF_F_BEFORE | BPF_F_AFTER | BPF_F_REPLACE | BPF_F_ID | BPF_F_LINK)

static void flags_str(uint32_t f, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s%s%s%s%s%s|", f & BPF_F_BEFORE ? "BEFORE|" : "",
		 f & BPF_F_AFTER ? "AFTER|" : "", f & BPF_F_REPLACE ? "REPLACE|" : "",
		 f & BPF_F_ID ? "ID|" : "", f & BPF_F_LINK ? "LINK|" : "",
		 f & ~(BPF_F_BEFORE | BPF_F_AFTER | BPF_F_REPLACE | BPF_F_ID |
		       BPF_F_LINK) ? "OTHER|" : "");
}

enum { OP_ATTACH, OP_DETACH, OP_QUERY, OP_LCREATE, OP_LUPDATE, OP_LDETACH,
       OP_LCLOSE, OP_LINFO, OP_N };

/* Statistics: per operation, calls and successes; chain lengths seen. */
static uint64_t st_calls[16], st_ok[16], st_full;
static uint32_t st_max;
static int cur_op;

static void compare_ret(const char *what, int kret, int hret)
{
	st_calls[cur_op]++;
	if (!kret && !hret)
		st_ok[cur_op]++;
	if (kret != hret)
		fail("%s: kernel %d (%s), bpfhost %d (%s)", what, kret,
		     strerror(-kret), hret, strerror(-hret));
}

/* After a successful change in the bare variant: an empty chain means the
 * kernel freed its entry; its next one starts at revision 1. */
static void model_empty(void)
{
	uint32_t cnt;
	uint64_t hrev;

	if (!bare)
		return;
	h_state(&cnt, &hrev);
	if (!cnt)
		rev_off = hrev - 1;
}

/* ---- Steps ---------------------------------------------------------------- */

static void op_attach(void)
{
	uint32_t flags = pick_flags(15);
	int p = pick_prog(3, 10), rp = -1, kret, hret;
	uint64_t krev, hrev;
	char fs[64], rs[32], b[16];
	struct rel r;

	pick_relative(flags, &r);
	pick_revision(&krev, &hrev, rs, sizeof(rs));
	if (flags & BPF_F_REPLACE)
		rp = pick_prog(4, 80);
	flags_str(flags, fs, sizeof(fs));
	snprintf(desc, sizeof(desc), "prog attach %s flags %s rel %s replace %s %s",
		 pname(p, b), fs, r.what, rp >= 0 ? pname(rp, b + 8) : "-", rs);

	struct k_attach_attr a = {
		.target_ifindex = IFINDEX,
		.attach_bpf_fd = (uint32_t)progs[p].kfd,
		.attach_type = K_TCX_INGRESS,
		.attach_flags = flags,
		.replace_bpf_fd = rp >= 0 ? (uint32_t)progs[rp].kfd : 0,
		.relative_fd = r.kval,
		.expected_revision = krev,
	};
	kret = sys_bpf(K_PROG_ATTACH, &a, sizeof(a));
	BH_OPTS(bh_hook_attach_opts, o, .flags = flags, .relative_id = r.hid,
		.relative_prog = r.hprog, .relative_link = r.hlink,
		.replace_prog = rp >= 0 ? progs[rp].h : NULL,
		.expected_revision = hrev);
	hret = bh_hook__attach(hook, progs[p].h, &o);
	compare_ret("prog attach", kret, hret);
}

static void op_detach(void)
{
	uint32_t flags = pick_flags(4), cnt;
	int p = chance(30) ? -1 : pick_prog(3, 75), kret, hret;
	uint64_t krev, hrev, hr;
	char fs[64], rs[32], b[16];
	struct rel r;

	pick_relative(flags, &r);
	pick_revision(&krev, &hrev, rs, sizeof(rs));
	flags_str(flags, fs, sizeof(fs));
	snprintf(desc, sizeof(desc), "prog detach %s flags %s rel %s %s",
		 p >= 0 ? pname(p, b) : "none", fs, r.what, rs);
	h_state(&cnt, &hr);

	struct k_attach_attr a = {
		.target_ifindex = IFINDEX,
		.attach_bpf_fd = p >= 0 ? (uint32_t)progs[p].kfd : 0,
		.attach_type = K_TCX_INGRESS,
		.attach_flags = flags,
		.relative_fd = r.kval,
		.expected_revision = krev,
	};
	kret = sys_bpf(K_PROG_DETACH, &a, sizeof(a));
	BH_OPTS(bh_hook_detach_opts, o, .flags = flags, .relative_id = r.hid,
		.relative_prog = r.hprog, .relative_link = r.hlink,
		.expected_revision = hrev);
	hret = bh_hook__detach(hook, p >= 0 ? progs[p].h : NULL, &o);
	if (bare && !cnt && kret == -ENOENT && hret < 0 &&
	    !(flags & ~(BPF_F_BEFORE | BPF_F_AFTER | BPF_F_REPLACE | BPF_F_ID |
			BPF_F_LINK)) && p != WRONG)
		return; /* modelled: no tcx entry, -ENOENT first */
	compare_ret("prog detach", kret, hret);
	if (!kret && !hret)
		model_empty();
}

static void op_query(void)
{
	struct chain k, h;
	uint32_t cnt, cap;
	uint64_t rev;
	unsigned int mask = (unsigned int)rn(16);
	uint32_t qflags = chance(4) ? 1u << rn(3) : 0;
	uint32_t aflags = chance(3) ? 1u << rn(5) : 0;

	h_state(&cnt, &rev);
	cap = chance(15) ? 0 : rn(cnt + 3);
	if (chance(60))
		mask |= 1;
	snprintf(desc, sizeof(desc),
		 "query count %u arrays %#x query_flags %#x attach_flags %#x", cap,
		 mask, qflags, aflags);
	query_both(&k, &h, cap, mask, qflags, aflags);
	compare_chains(&k, &h, "query");
	st_calls[OP_QUERY]++;
	if (!k.ret && !h.ret)
		st_ok[OP_QUERY]++;
}

static void op_link_create(void)
{
	uint32_t flags = pick_flags(8);
	int p = pick_prog(3, 10), slot = free_link_slot(), kfd;
	uint64_t krev, hrev;
	char fs[64], rs[32], b[16];
	struct bh_link *hl;
	struct rel r;
	int herr;

	if (slot < 0)
		return;
	pick_relative(flags, &r);
	pick_revision(&krev, &hrev, rs, sizeof(rs));
	flags_str(flags, fs, sizeof(fs));
	snprintf(desc, sizeof(desc), "link create L%d %s flags %s rel %s %s",
		 slot, pname(p, b), fs, r.what, rs);

	struct k_link_create_attr a = {
		.prog_fd = (uint32_t)progs[p].kfd,
		.target_ifindex = IFINDEX,
		.attach_type = K_TCX_INGRESS,
		.flags = flags,
		.relative_fd = r.kval,
		.expected_revision = krev,
	};
	kfd = sys_bpf(K_LINK_CREATE, &a, sizeof(a));
	BH_OPTS(bh_link_attach_opts, o, .flags = flags, .relative_id = r.hid,
		.relative_prog = r.hprog, .relative_link = r.hlink,
		.expected_revision = hrev);
	hl = bh_link__attach(hook, progs[p].h, &o);
	herr = hl ? 0 : -errno;
	if (flags & ~MPROG_FLAGS) {
		/*
		 * Modelled: BPF_LINK_CREATE does not validate tcx flags; the
		 * kernel ignores unknown bits when a position flag is given
		 * (bpf_mprog_attach() only refuses them when none is).
		 * bpfhost refuses them (docs/attach.md).  A kernel link made
		 * anyway is closed again: two more kernel revisions, or a
		 * fresh entry if that empties the bare device.
		 */
		if (herr != -EINVAL)
			fail("link create with unknown flags: bpfhost %d", herr);
		bh_link__free(hl);
		if (kfd >= 0) {
			uint32_t cnt;
			uint64_t hr;

			close(kfd);
			h_state(&cnt, &hr);
			if (bare && !cnt)
				rev_off = hr - 1;
			else
				rev_off -= 2;
		}
		return;
	}
	compare_ret("link create", kfd < 0 ? kfd : 0, herr);
	if (kfd >= 0 && hl) {
		links[slot] = (struct dlink){ .live = true, .kfd = kfd,
					      .kid = k_obj_id(kfd), .h = hl,
					      .hid = bh_link__id(hl) };
		check_link(slot);
	} else {
		if (kfd >= 0)
			close(kfd);
		bh_link__free(hl);
	}
}

static void op_link_update(void)
{
	int l = pick_link(85), np, op = -1, cur, kret, hret;
	char b[16], b2[16], b3[16];

	if (l < 0)
		return;
	cur = prog_by_hid(bh_link__prog_id(links[l].h));
	if (chance(12))
		np = cur;
	else
		np = pick_prog(4, 15);
	if (chance(25))
		op = cur;
	else if (chance(20))
		op = pick_prog(0, 50);
	snprintf(desc, sizeof(desc), "link update L%d (holds %s) new %s old %s", l,
		 pname(cur, b), pname(np, b2), op >= 0 ? pname(op, b3) : "-");

	struct k_link_update_attr a = {
		.link_fd = (uint32_t)links[l].kfd,
		.new_prog_fd = (uint32_t)progs[np].kfd,
		.flags = op >= 0 ? BPF_F_REPLACE : 0,
		.old_prog_fd = op >= 0 ? (uint32_t)progs[op].kfd : 0,
	};
	kret = sys_bpf(K_LINK_UPDATE, &a, sizeof(a));
	hret = bh_link__update(links[l].h, progs[np].h,
			       op >= 0 ? progs[op].h : NULL);
	compare_ret("link update", kret, hret);
	check_link(l);
}

static void op_link_detach(void)
{
	int l = pick_link(80), kret, hret;
	uint32_t fd;

	if (l < 0)
		return;
	snprintf(desc, sizeof(desc), "link detach L%d (%s)", l,
		 bh_link__attached(links[l].h) ? "attached" : "defunct");
	fd = (uint32_t)links[l].kfd;
	kret = sys_bpf(K_LINK_DETACH, &fd, sizeof(fd));
	hret = bh_link__detach(links[l].h);
	compare_ret("link detach", kret, hret);
	if (!kret && !hret)
		model_empty();
	check_link(l);
}

static void link_close(int l)
{
	close(links[l].kfd);
	bh_link__free(links[l].h);
	stale_kid = links[l].kid;
	stale_hid = links[l].hid;
	links[l].live = false;
	links[l].h = NULL;
	links[l].kfd = -1;
}

static void op_link_close(void)
{
	int l = pick_link(50);

	if (l < 0)
		return;
	snprintf(desc, sizeof(desc), "link close L%d (%s)", l,
		 bh_link__attached(links[l].h) ? "attached" : "defunct");
	link_close(l);
	model_empty();
}

static void op_link_info(void)
{
	snprintf(desc, sizeof(desc), "link info of every link");
	check_links();
}

/* ---- Variants ---------------------------------------------------------------- */


/* Weights per phase: balanced, growing (reaches the 64-program limit),
 * shrinking (empties the chain). */
static const uint32_t weights[3][OP_N] = {
	{ 25, 22, 8, 18, 10, 8, 5, 4 },
	{ 42, 6, 5, 32, 8, 2, 2, 3 },
	{ 8, 42, 5, 6, 8, 18, 10, 3 },
};

static void run_step(int phase)
{
	uint32_t total = 0, roll;
	int op = 0;

	for (int i = 0; i < OP_N; i++)
		total += weights[phase][i];
	roll = rn(total);
	while (roll >= weights[phase][op])
		roll -= weights[phase][op++];
	cur_op = op;
	{
		uint32_t cnt;
		uint64_t r;

		h_state(&cnt, &r);
		if (cnt > st_max)
			st_max = cnt;
		if (cnt == BH_MPROG_MAX - 1)
			st_full++;
	}
	switch (op) {
	case OP_ATTACH: op_attach(); break;
	case OP_DETACH: op_detach(); break;
	case OP_QUERY: op_query(); break;
	case OP_LCREATE: op_link_create(); break;
	case OP_LUPDATE: op_link_update(); break;
	case OP_LDETACH: op_link_detach(); break;
	case OP_LCLOSE: op_link_close(); break;
	default: op_link_info(); break;
	}
	if (verbose)
		fprintf(stderr, "%" PRIu64 ": %s\n", step, desc);
	check_chains();
	if (step % 64 == 0)
		check_links();
}

/* Empty both chains and close every link (between variants). */
static void teardown(void)
{
	for (int i = 0; i < NLINK; i++)
		if (links[i].live)
			link_close(i);
	for (int i = 0; i < NPROG; i++) {
		struct k_attach_attr a = {
			.target_ifindex = IFINDEX,
			.attach_bpf_fd = (uint32_t)progs[i].kfd,
			.attach_type = K_TCX_INGRESS,
		};
		sys_bpf(K_PROG_DETACH, &a, sizeof(a));
	}
	bh_hook__free(hook);
	hook = NULL;
}

/* A fresh namespace; with @clsact, a clsact qdisc on lo.  Returns a reason
 * to skip, or NULL. */
static const char *new_netns(bool clsact)
{
	static char why[96];

	if (unshare(CLONE_NEWNET)) {
		snprintf(why, sizeof(why), "unshare(CLONE_NEWNET) refused (%s)",
			 strerror(errno));
		return why;
	}
	if (clsact &&
	    system("tc qdisc add dev lo clsact >/dev/null 2>&1") != 0)
		return "tc cannot add a clsact qdisc to lo";
	return NULL;
}

static uint64_t run_variant(const char *name, bool is_bare, uint64_t steps)
{
	const char *why;
	uint64_t t0 = (uint64_t)time(NULL);

	variant = name;
	bare = is_bare;
	rev_off = 0;
	failed = false;
	stale_kid = stale_hid = 0;
	why = new_netns(!is_bare);
	if (why) {
		printf("skip %s: %s\n", name, why);
		return 0;
	}
	hook = bh_hook__new(BPF_PROG_TYPE_XDP, NULL);
	if (!hook) {
		printf("not ok %s: bh_hook__new failed\n", name);
		return 0;
	}
	{
		/* splitmix64 of the seed, one stream per variant */
		uint64_t z = seed + (is_bare ? 2 : 1) * 0x9e3779b97f4a7c15ULL;

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		rng = (z ^ (z >> 31)) | 1;
	}
	snprintf(desc, sizeof(desc), "initial state");
	step = 0;
	check_chains();
	int phase = 0;
	for (step = 1; step <= steps && !failed; step++) {
		if (step % 400 == 1)
			phase = (int)rn(3);
		run_step(phase);
	}
	if (!failed) {
		check_links();
		step--;
	}
	if (!failed)
		printf("ok %s (%" PRIu64 " steps, %" PRIu64 " s)\n", name, step,
		       (uint64_t)time(NULL) - t0);
	printf("# %s: attach %" PRIu64 "/%" PRIu64 ", detach %" PRIu64 "/%" PRIu64
	       ", query %" PRIu64 "/%" PRIu64 ", link create %" PRIu64 "/%" PRIu64
	       ", update %" PRIu64 "/%" PRIu64 ", link detach %" PRIu64 "/%" PRIu64
	       " (succeeded/called); longest chain %u, %" PRIu64
	       " steps with a full chain (%d)\n", name, st_ok[OP_ATTACH], st_calls[OP_ATTACH],
	       st_ok[OP_DETACH], st_calls[OP_DETACH], st_ok[OP_QUERY],
	       st_calls[OP_QUERY], st_ok[OP_LCREATE], st_calls[OP_LCREATE],
	       st_ok[OP_LUPDATE], st_calls[OP_LUPDATE], st_ok[OP_LDETACH],
	       st_calls[OP_LDETACH], st_max, st_full, BH_MPROG_MAX - 1);
	memset(st_calls, 0, sizeof(st_calls));
	memset(st_ok, 0, sizeof(st_ok));
	st_max = 0;
	st_full = 0;
	fflush(stdout);
	teardown();
	return failed ? 0 : step;
}

int main(int argc, char **argv)
{
	uint64_t steps = 50000, done = 0;
	bool any_failed = false;
	int fd;

	seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if ((!strcmp(argv[i], "--steps") ||
			  !strcmp(argv[i], "--ops")) && i + 1 < argc)
			steps = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v"))
			verbose = true;
		else if (argv[i][0] == '-' && i + 1 < argc && argv[i + 1][0] != '-')
			i++; /* run-diff.sh passes every test the same options */
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("# diff_tcx: seed %" PRIu64 ", %" PRIu64 " steps\n", seed, steps);

	fd = k_prog_load(K_PROG_TYPE_SCHED_CLS, 0);
	if (fd < 0) {
		printf("skip tcx_clsact: bpf() refused (%s)\n", strerror(-fd));
		printf("skip tcx_bare: bpf() refused (%s)\n", strerror(-fd));
		return 0;
	}
	close(fd);
	for (int i = 0; i <= NPROG; i++) {
		struct bpf_insn insns[2] = {
			{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0,
			  .imm = TCX_NEXT },
			{ .code = BPF_JMP | BPF_EXIT },
		};

		progs[i].kfd = k_prog_load(i == WRONG ? K_PROG_TYPE_XDP
						      : K_PROG_TYPE_SCHED_CLS,
					   TCX_NEXT);
		progs[i].kid = progs[i].kfd >= 0 ? k_obj_id(progs[i].kfd) : 0;
		progs[i].h = bh_prog__load(i == WRONG ? BPF_PROG_TYPE_SYSCALL
						      : BPF_PROG_TYPE_XDP,
					   insns, 2, NULL);
		progs[i].hid = progs[i].h ? bh_prog__id(progs[i].h) : 0;
		if (progs[i].kfd < 0 || !progs[i].kid || !progs[i].h) {
			printf("not ok setup: program %d: kernel %d, bpfhost %s\n",
			       i, progs[i].kfd, progs[i].h ? "ok" : strerror(errno));
			return 1;
		}
	}
	for (int i = 0; i < NLINK; i++)
		links[i].kfd = -1;

	/* The clsact variant first: exact agreement, no model. */
	done += run_variant("tcx_clsact", false, steps - steps / 2);
	any_failed |= failed;
	done += run_variant("tcx_bare", true, steps / 2);
	any_failed |= failed;
	printf("# diff_tcx: %" PRIu64 " steps agreed (seed %" PRIu64 ")\n", done,
	       seed);
	for (int i = 0; i <= NPROG; i++) {
		close(progs[i].kfd);
		bh_prog__free(progs[i].h);
	}
	return any_failed ? 1 : 0;
}
