/* SPDX-License-Identifier: MIT */
/*
 * examples/pipeline.c - a request filter with two hooks whose chains are
 * managed through <bpfhost/attach.h>, as tcx chains are in Linux:
 *
 *   filter  (tcx policy: the first program not returning TCX_NEXT decides)
 *   audit   (cgroup-style policy: every program runs, all must allow)
 *
 * It shows ordering with BPF_F_BEFORE / BPF_F_AFTER, a change guarded by
 * expected_revision that loses a race (-ESTALE), re-reads the chain and
 * retries, and a link update that swaps a program while another thread
 * keeps running requests through the chain.
 *
 *   make examples && build/examples/pipeline
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bpfhost/bpfhost.h>

/* What the programs see: R1 points to one of these. */
struct request {
	uint32_t src;  /* IPv4 source address, host order */
	uint32_t port; /* destination port */
	uint32_t size; /* body bytes */
	uint32_t pad;
};

#define IP(a, b, c, d) (((uint32_t)(a) << 24) | ((b) << 16) | ((c) << 8) | (d))

/* ---- Programs --------------------------------------------------------------- */

#define LDXW(d, o) \
	{ .code = BPF_LDX | BPF_MEM | BPF_W, .dst_reg = d, .src_reg = 1, .off = o }
#define RSH(d, k) { .code = BPF_ALU64 | BPF_RSH | BPF_K, .dst_reg = d, .imm = k }
#define JMP32(op, d, k, o) \
	{ .code = BPF_JMP32 | (op) | BPF_K, .dst_reg = d, .off = o, .imm = (int32_t)(k) }
#define MOV0(k) { .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = k }
#define EXIT { .code = BPF_JMP | BPF_EXIT }

static struct {
	uint32_t id;
	char name[24];
} names[16];
static int n_names;

static struct bh_prog *load(const char *name, const struct bpf_insn *insns,
			    size_t cnt)
{
	BH_OPTS(bh_prog_load_opts, o, .name = name);
	struct bh_prog *p = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, cnt, &o);

	if (!p) {
		fprintf(stderr, "loading %s: %s\n", name, strerror(errno));
		exit(1);
	}
	names[n_names].id = bh_prog__id(p);
	snprintf(names[n_names++].name, sizeof(names[0].name), "%s", name);
	return p;
}

static const char *name_of(uint32_t id)
{
	for (int i = 0; i < n_names; i++)
		if (names[i].id == id)
			return names[i].name;
	return "?";
}

/* filter: drop sources in 10.0.0.0/8, else next */
static struct bh_prog *prog_block_10(void)
{
	struct bpf_insn i[] = {
		LDXW(2, 0), RSH(2, 24), JMP32(BPF_JNE, 2, 10, 2),
		MOV0(TCX_DROP), EXIT, MOV0(TCX_NEXT), EXIT,
	};
	return load("block_10/8", i, sizeof(i) / sizeof(i[0]));
}

/* filter: drop bodies larger than @max, else next */
static struct bh_prog *prog_max_size(const char *name, uint32_t max)
{
	struct bpf_insn i[] = {
		LDXW(2, 8), JMP32(BPF_JLE, 2, max, 2),
		MOV0(TCX_DROP), EXIT, MOV0(TCX_NEXT), EXIT,
	};
	return load(name, i, sizeof(i) / sizeof(i[0]));
}

/* filter: pass the admin host's ssh at once (even from 10/8), else next */
static struct bh_prog *prog_admin_ssh(void)
{
	struct bpf_insn i[] = {
		LDXW(2, 0), JMP32(BPF_JNE, 2, IP(10, 0, 0, 7), 4),
		LDXW(2, 4), JMP32(BPF_JNE, 2, 22, 2),
		MOV0(TCX_PASS), EXIT, MOV0(TCX_NEXT), EXIT,
	};
	return load("admin_ssh", i, sizeof(i) / sizeof(i[0]));
}

/* audit: allow (1) only ports 22 and 443 */
static struct bh_prog *prog_ports(void)
{
	struct bpf_insn i[] = {
		LDXW(2, 4), JMP32(BPF_JEQ, 2, 22, 3), JMP32(BPF_JEQ, 2, 443, 2),
		MOV0(0), EXIT, MOV0(1), EXIT,
	};
	return load("ports_22_443", i, sizeof(i) / sizeof(i[0]));
}

/* audit: allow everything (a placeholder an operator attaches first) */
static struct bh_prog *prog_allow(void)
{
	struct bpf_insn i[] = { MOV0(1), EXIT };

	return load("allow_all", i, sizeof(i) / sizeof(i[0]));
}

/* ---- Showing chains ---------------------------------------------------------- */

static uint64_t revision(struct bh_hook *hook)
{
	BH_OPTS(bh_hook_query_opts, q);

	bh_hook__query(hook, &q);
	return q.revision;
}

static void show(const char *label, struct bh_hook *hook)
{
	uint32_t ids[BH_MPROG_MAX], links[BH_MPROG_MAX];
	BH_OPTS(bh_hook_query_opts, q, .count = BH_MPROG_MAX, .prog_ids = ids,
		.link_ids = links);

	bh_hook__query(hook, &q);
	printf("  %-7s rev %-2llu:", label, (unsigned long long)q.revision);
	for (uint32_t i = 0; i < q.count; i++) {
		printf(" %s%s", i ? "-> " : "", name_of(ids[i]));
		if (links[i])
			printf(" [link %u]", links[i]);
	}
	printf("%s\n", q.count ? "" : " (empty)");
}

static const struct request reqs[] = {
	{ IP(192, 168, 1, 20), 443, 300, 0 },
	{ IP(10, 1, 2, 3), 443, 300, 0 },
	{ IP(10, 0, 0, 7), 22, 100, 0 },
	{ IP(192, 168, 1, 20), 443, 4000, 0 },
	{ IP(192, 168, 1, 20), 80, 100, 0 },
};

/* The whole pipeline for one request: filter, then audit. */
static const char *handle(struct bh_hook *filter, struct bh_hook *audit,
			  const struct request *r)
{
	struct request copy = *r;
	uint64_t v;

	if (bh_hook__run(filter, &copy, &v))
		return "error";
	if ((int32_t)v == TCX_DROP)
		return "dropped by filter";
	if (bh_hook__run(audit, &copy, &v))
		return "error";
	return v == 1 ? "accepted" : "refused by audit";
}

static void run_requests(struct bh_hook *filter, struct bh_hook *audit)
{
	for (size_t i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++) {
		const struct request *r = &reqs[i];

		char ip[16];

		snprintf(ip, sizeof(ip), "%u.%u.%u.%u", r->src >> 24,
			 (r->src >> 16) & 255, (r->src >> 8) & 255, r->src & 255);
		printf("    %-15s port %-3u %4u bytes: %s\n", ip, r->port,
		       r->size, handle(filter, audit, r));
	}
}

/* ---- A thread running requests during the hot swap --------------------------- */

struct runner {
	struct bh_hook *hook;
	atomic_bool stop;
	atomic_ulong passed, dropped, errors;
};

static void *runner_main(void *arg)
{
	struct runner *rn = arg;

	while (!atomic_load(&rn->stop)) {
		struct request r = { IP(192, 168, 1, 20), 443, 1000, 0 };
		uint64_t v;

		if (bh_hook__run(rn->hook, &r, &v))
			atomic_fetch_add(&rn->errors, 1);
		else if ((int32_t)v == TCX_DROP)
			atomic_fetch_add(&rn->dropped, 1);
		else
			atomic_fetch_add(&rn->passed, 1);
	}
	return NULL;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int check(int ret, const char *what)
{
	if (ret && ret != -ESTALE) {
		fprintf(stderr, "%s: %s\n", what, strerror(-ret));
		exit(1);
	}
	return ret;
}

int main(void)
{
	BH_OPTS(bh_hook_opts, fo, .policy = BH_HOOK_POLICY_TCX,
		.default_ret = TCX_PASS, .ctx_size = sizeof(struct request));
	BH_OPTS(bh_hook_opts, ao, .policy = BH_HOOK_POLICY_ALL,
		.default_ret = 1, .ctx_size = sizeof(struct request));
	struct bh_hook *filter = bh_hook__new(BPF_PROG_TYPE_SYSCALL, &fo);
	struct bh_hook *audit = bh_hook__new(BPF_PROG_TYPE_SYSCALL, &ao);
	struct bh_prog *block = prog_block_10(), *big = prog_max_size("max_1500", 1500);
	struct bh_prog *admin = prog_admin_ssh(), *ports = prog_ports();
	struct bh_prog *allow = prog_allow(), *small = prog_max_size("max_512", 512);
	const struct bh_prog *rel = allow;
	struct bh_link *size_link;
	struct runner rn = { 0 };
	pthread_t thread;
	uint64_t rev, rev0;
	int ret;

	if (!filter || !audit) {
		fprintf(stderr, "bh_hook__new: %s\n", strerror(errno));
		return 1;
	}

	printf("1. Building the chains\n");
	check(bh_hook__attach(filter, block, NULL), "attach block");
	/* the size check through a link: its owner can swap it later */
	size_link = bh_link__attach(filter, big, NULL);
	if (!size_link) {
		fprintf(stderr, "link: %s\n", strerror(errno));
		return 1;
	}
	{
		/* the admin exception must run before the blocklist */
		BH_OPTS(bh_hook_attach_opts, o, .flags = BPF_F_BEFORE,
			.relative_prog = block);
		check(bh_hook__attach(filter, admin, &o), "attach admin");
	}
	check(bh_hook__attach(audit, allow, NULL), "attach allow");
	show("filter", filter);
	show("audit", audit);
	run_requests(filter, audit);

	printf("\n2. Two managers change the audit chain; one loses the race\n");
	rev = revision(audit);
	printf("  manager A reads revision %llu and plans: ports check after "
	       "allow_all\n", (unsigned long long)rev);
	{
		/* manager B, meanwhile, replaces the placeholder */
		BH_OPTS(bh_hook_detach_opts, o, .expected_revision = rev);

		check(bh_hook__detach(audit, allow, &o), "B detach");
		printf("  manager B removes allow_all (revision now %llu)\n",
		       (unsigned long long)revision(audit));
	}
	for (int attempt = 1;; attempt++) {
		BH_OPTS(bh_hook_attach_opts, o, .flags = BPF_F_AFTER,
			.relative_prog = rel, .expected_revision = rev);

		ret = bh_hook__attach(audit, ports, &o);
		if (ret == -ESTALE) {
			printf("  A, attempt %d: -ESTALE (expected revision %llu, "
			       "the chain moved on); re-reading it\n",
			       attempt, (unsigned long long)rev);
			rev = revision(audit);
			/* allow_all is gone: re-plan as "last" */
			rel = NULL;
			continue;
		}
		check(ret, "A attach");
		printf("  A, attempt %d: attached after %s at revision %llu\n",
		       attempt, rel ? "allow_all" : "the last program",
		       (unsigned long long)rev);
		break;
	}
	show("audit", audit);
	run_requests(filter, audit);

	printf("\n3. Hot swap: the link's max_1500 becomes max_512 while a thread "
	       "runs 1000-byte requests\n");
	rn.hook = filter;
	rev0 = revision(filter);
	pthread_create(&thread, NULL, runner_main, &rn);
	sleep_ms(100);
	{
		unsigned long passed = atomic_load(&rn.passed);
		unsigned long dropped = atomic_load(&rn.dropped);

		printf("  before the swap: %lu passed, %lu dropped\n", passed,
		       dropped);
		check(bh_link__update(size_link, small, big), "link update");
	}
	sleep_ms(100);
	atomic_store(&rn.stop, true);
	pthread_join(thread, NULL);
	printf("  in all:          %lu passed, %lu dropped, %lu errors; "
	       "revision %llu -> %llu\n",
	       atomic_load(&rn.passed), atomic_load(&rn.dropped),
	       atomic_load(&rn.errors), (unsigned long long)rev0,
	       (unsigned long long)revision(filter));
	show("filter", filter);
	run_requests(filter, audit);

	printf("\n4. Detaching the link: its slot goes, the link stays defunct\n");
	check(bh_link__detach(size_link), "link detach");
	printf("  link %u attached: %s\n", bh_link__id(size_link),
	       bh_link__attached(size_link) ? "yes" : "no");
	show("filter", filter);

	bh_link__free(size_link);
	bh_hook__free(filter);
	bh_hook__free(audit);
	bh_prog__free(block);
	bh_prog__free(big);
	bh_prog__free(admin);
	bh_prog__free(ports);
	bh_prog__free(small);
	bh_prog__free(allow);
	return rn.errors ? 1 : 0;
}
