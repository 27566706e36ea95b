/* SPDX-License-Identifier: MIT */
/*
 * tools/bpfhost/cmd_map.c - `bpfhost map ...` in bpftool's argument style,
 * and `bpfhost batch FILE`, which runs one command per line in this
 * process (as `bpftool batch file` does): maps live in the process that
 * created them, so a sequence such as
 *
 *	map create type hash key 4 value 8 entries 16 name counts
 *	map update name counts key 1 0 0 0 value 0x2a 0 0 0 0 0 0 0
 *	map dump name counts
 *
 * only makes sense inside one batch (or in a host embedding this code).
 *
 *	MAP   := { id ID | name NAME }
 *	BYTES := [hex] B...   (each B decimal or 0x-hex; with "hex", two-digit
 *	                       hex bytes without prefix, as bpftool)
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define MAX_BYTES 4096

static const char *type_name(uint32_t type)
{
	const char *name = bh_map_type_str(type);

	return name ? name : "unknown";
}

static bool is_percpu(uint32_t t)
{
	return t == BPF_MAP_TYPE_PERCPU_HASH || t == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       t == BPF_MAP_TYPE_LRU_PERCPU_HASH;
}

static bool is_keyless(uint32_t t)
{
	return t == BPF_MAP_TYPE_QUEUE || t == BPF_MAP_TYPE_STACK ||
	       t == BPF_MAP_TYPE_BLOOM_FILTER;
}

/* MAP := id ID | name NAME; consumes two arguments. */
static struct bh_map *parse_map(int *argc, char ***argv)
{
	uint32_t id = 0;

	if (*argc < 2) {
		cli_error("expected 'id ID' or 'name NAME'");
		return NULL;
	}
	if (!strcmp((*argv)[0], "id")) {
		char *end;
		unsigned long v = strtoul((*argv)[1], &end, 0);
		struct bh_map *m;

		if (*end || !v || v > UINT32_MAX) {
			cli_error("bad map id '%s'", (*argv)[1]);
			return NULL;
		}
		m = bh_map__by_id((uint32_t)v);
		if (!m)
			cli_error("no map with id %lu", v);
		*argc -= 2;
		*argv += 2;
		return m;
	}
	if (!strcmp((*argv)[0], "name")) {
		while (!bh_map__next_id(id, &id)) {
			struct bh_map *m = bh_map__by_id(id);

			if (m && !strcmp(bh_map__name(m), (*argv)[1])) {
				*argc -= 2;
				*argv += 2;
				return m;
			}
			bh_map__free(m);
		}
		cli_error("no map named '%s'", (*argv)[1]);
		return NULL;
	}
	cli_error("expected 'id' or 'name', got '%s'", (*argv)[0]);
	return NULL;
}

static bool is_keyword(const char *s)
{
	static const char *const kw[] = { "key", "value", "any", "exist",
					   "noexist", "lock", NULL };

	for (int i = 0; kw[i]; i++)
		if (!strcmp(s, kw[i]))
			return true;
	return false;
}

/* BYTES after a keyword, up to the next keyword; returns the count or -1. */
static int parse_bytes(int *argc, char ***argv, uint8_t *out, size_t max)
{
	bool hex = *argc > 0 && !strcmp((*argv)[0], "hex");
	int n = 0;

	if (hex) {
		(*argc)--;
		(*argv)++;
	}
	while (*argc > 0 && !is_keyword((*argv)[0])) {
		char *end;
		unsigned long v = strtoul((*argv)[0], &end, hex ? 16 : 0);

		if (*end || v > 0xff || (size_t)n >= max) {
			cli_error("bad byte '%s'", (*argv)[0]);
			return -1;
		}
		out[n++] = (uint8_t)v;
		(*argc)--;
		(*argv)++;
	}
	return n;
}

static int want_bytes(const char *what, int got, size_t want)
{
	if (got < 0)
		return -1;
	if ((size_t)got != want) {
		cli_error("%s expected %zu bytes got %d", what, want, got);
		return -1;
	}
	return 0;
}

static void print_bytes(const char *label, const uint8_t *p, size_t n)
{
	printf("%s:", label);
	for (size_t i = 0; i < n; i++)
		printf(" %02x", p[i]);
}

static void print_map(struct bh_map *m)
{
	struct bh_map_info info;

	bh_map__info(m, &info);
	if (cli_json) {
		json_begin_object();
		json_uint("id", info.id);
		json_string("type", type_name(info.type));
		json_string("name", info.name);
		json_uint("flags", info.map_flags);
		json_uint("bytes_key", info.key_size);
		json_uint("bytes_value", info.value_size);
		json_uint("max_entries", info.max_entries);
		json_bool("frozen", info.frozen);
		json_end_object();
		return;
	}
	printf("%u: %s  name %s  flags 0x%x\n\tkey %uB  value %uB  max_entries %u%s\n",
	       info.id, type_name(info.type), info.name, info.map_flags,
	       info.key_size, info.value_size, info.max_entries,
	       info.frozen ? "  frozen" : "");
}

/* ---- Verbs ------------------------------------------------------------------- */

static int do_create(int argc, char **argv)
{
	uint32_t type = UINT32_MAX, ks = 0, vs = 0, me = 0, flags = 0;
	uint64_t extra = 0;
	const char *name = NULL;
	struct bh_map *inner = NULL, *m;
	int ret;

	while (argc >= 2) {
		const char *k = argv[0], *v = argv[1];

		if (!strcmp(k, "type")) {
			int t = bh_map_type_from_str(v);

			if (t < 0)
				return cli_error("unknown map type '%s'", v);
			type = (uint32_t)t;
		} else if (!strcmp(k, "key")) {
			ks = (uint32_t)strtoul(v, NULL, 0);
		} else if (!strcmp(k, "value")) {
			vs = (uint32_t)strtoul(v, NULL, 0);
		} else if (!strcmp(k, "entries")) {
			me = (uint32_t)strtoul(v, NULL, 0);
		} else if (!strcmp(k, "name")) {
			name = v;
		} else if (!strcmp(k, "flags")) {
			flags = (uint32_t)strtoul(v, NULL, 0);
		} else if (!strcmp(k, "extra")) {
			extra = strtoull(v, NULL, 0);
		} else if (!strcmp(k, "inner_map")) {
			argc--, argv++;
			inner = parse_map(&argc, &argv);
			if (!inner)
				return 255;
			continue;
		} else {
			return cli_error("unknown argument '%s'", k);
		}
		argc -= 2;
		argv += 2;
	}
	if (argc)
		return cli_error("argument '%s' has no value", argv[0]);
	if (type == UINT32_MAX)
		return cli_error("map type missing");
	{
		BH_OPTS(bh_map_create_opts, o, .map_flags = flags, .map_extra = extra,
			.inner_map = inner);

		m = bh_map__create(type, name, ks, vs, me, &o);
	}
	ret = m ? 0 : -errno;
	bh_map__free(inner);
	if (!m)
		return cli_error("map create failed: %s", strerror(-ret));
	/* the map lives until the process ends (bh_map__free never called) */
	if (cli_json) {
		json_begin_object();
		json_uint("id", bh_map__id(m));
		json_end_object();
		json_newline();
	} else {
		printf("id %u\n", bh_map__id(m));
	}
	return 0;
}

static int do_show(int argc, char **argv)
{
	uint32_t id = 0;

	if (argc) {
		struct bh_map *m = parse_map(&argc, &argv);

		if (!m)
			return 255;
		print_map(m);
		if (cli_json)
			json_newline();
		bh_map__free(m);
		return 0;
	}
	if (cli_json)
		json_begin_array(NULL);
	while (!bh_map__next_id(id, &id)) {
		struct bh_map *m = bh_map__by_id(id);

		if (m)
			print_map(m);
		bh_map__free(m);
	}
	if (cli_json) {
		json_end_array();
		json_newline();
	}
	return 0;
}

/* The host-side value size of @m (per-CPU: every slot). */
static size_t host_vsize(struct bh_map *m)
{
	uint32_t t = bh_map__type(m);

	if (is_percpu(t))
		return ((bh_map__value_size(m) + 7) & ~7u) * bh_cpu_count_get();
	return bh_map__value_size(m);
}

static void print_elem(struct bh_map *m, const uint8_t *key, const uint8_t *val)
{
	size_t ks = bh_map__key_size(m), vs = host_vsize(m);

	if (cli_json) {
		json_begin_object();
		if (ks)
			json_hex("key", key, ks);
		json_hex("value", val, vs);
		json_end_object();
		return;
	}
	if (ks) {
		print_bytes("key", key, ks);
		printf("  ");
	}
	print_bytes("value", val, vs);
	printf("\n");
}

static int do_dump(int argc, char **argv)
{
	struct bh_map *m = parse_map(&argc, &argv);
	uint8_t *key, *next, *val;
	int r, n = 0;

	if (!m)
		return 255;
	key = calloc(1, bh_map__key_size(m) + 1);
	next = calloc(1, bh_map__key_size(m) + 1);
	val = calloc(1, host_vsize(m) + 1);
	if (!key || !next || !val) {
		r = cli_error("out of memory");
		goto out;
	}
	if (cli_json)
		json_begin_array(NULL);
	for (r = bh_map__get_next_key(m, NULL, next); !r;
	     r = bh_map__get_next_key(m, key, next)) {
		memcpy(key, next, bh_map__key_size(m));
		if (!bh_map__lookup_elem(m, key, val)) {
			print_elem(m, key, val);
			n++;
		}
	}
	if (cli_json) {
		json_end_array();
		json_newline();
	} else {
		printf("Found %d element%s\n", n, n == 1 ? "" : "s");
	}
	r = r == -ENOENT || r == -EINVAL || r == -EOPNOTSUPP ? 0
		: cli_error("dump failed: %s", strerror(-r));
out:
	free(key);
	free(next);
	free(val);
	bh_map__free(m);
	return r;
}

/* Shared by lookup, update, delete, getnext: MAP [key BYTES] [value ...]. */
struct elem_args {
	struct bh_map *m;
	uint8_t key[MAX_BYTES], value[MAX_BYTES];
	bool has_key, has_value;
	uint64_t flags;
};

/* @value: update's arguments; @lock: the `lock` keyword (BPF_F_LOCK). */
static int parse_elem(int argc, char **argv, struct elem_args *a, bool value,
		      bool lock)
{
	memset(a, 0, sizeof(*a));
	a->m = parse_map(&argc, &argv);
	if (!a->m)
		return 255;
	while (argc > 0) {
		if (!strcmp(argv[0], "key")) {
			argc--, argv++;
			if (want_bytes("key", parse_bytes(&argc, &argv, a->key, MAX_BYTES),
				       bh_map__key_size(a->m)))
				return 255;
			a->has_key = true;
		} else if (value && !strcmp(argv[0], "value")) {
			argc--, argv++;
			if (argc >= 2 && !strcmp(argv[0], "id")) {
				/* map-in-map / PROG_ARRAY: an object id */
				uint32_t id = (uint32_t)strtoul(argv[1], NULL, 0);

				memcpy(a->value, &id, 4);
				argc -= 2, argv += 2;
			} else {
				int n = parse_bytes(&argc, &argv, a->value, MAX_BYTES);
				size_t vs = bh_map__value_size(a->m), stride = (vs + 7) & ~7u;

				if (want_bytes("value", n, vs))
					return 255;
				/* per-CPU: the same value for every CPU slot */
				if (is_percpu(bh_map__type(a->m)))
					for (unsigned int c = bh_cpu_count_get(); c-- > 1;)
						memcpy(a->value + c * stride, a->value, vs);
			}
			a->has_value = true;
		} else if (value && !strcmp(argv[0], "any")) {
			a->flags = (a->flags & BPF_F_LOCK) | BPF_ANY, argc--, argv++;
		} else if (value && !strcmp(argv[0], "exist")) {
			a->flags = (a->flags & BPF_F_LOCK) | BPF_EXIST, argc--, argv++;
		} else if (value && !strcmp(argv[0], "noexist")) {
			a->flags = (a->flags & BPF_F_LOCK) | BPF_NOEXIST, argc--, argv++;
		} else if (lock && !strcmp(argv[0], "lock")) {
			a->flags |= BPF_F_LOCK, argc--, argv++;
		} else {
			return cli_error("unexpected argument '%s'", argv[0]);
		}
	}
	return 0;
}

static int elem_done(struct elem_args *a, int ret, const char *what)
{
	bh_map__free(a->m);
	if (ret)
		return cli_error("%s failed: %s", what, strerror(-ret));
	return 0;
}

static int do_lookup(int argc, char **argv)
{
	static struct elem_args a;
	uint32_t t;
	int r;

	if (parse_elem(argc, argv, &a, false, true))
		return 255;
	t = bh_map__type(a.m);
	if (!a.has_key && !is_keyless(t)) {
		bh_map__free(a.m);
		return cli_error("key missing");
	}
	r = bh_map__lookup_elem_flags(a.m, is_keyless(t) ? NULL : a.key, a.value,
				      a.flags);
	if (!r) {
		print_elem(a.m, a.key, a.value);
		if (cli_json)
			json_newline();
	}
	return elem_done(&a, r, "lookup");
}

static int do_update(int argc, char **argv)
{
	static struct elem_args a;
	uint32_t t;

	if (parse_elem(argc, argv, &a, true, true))
		return 255;
	t = bh_map__type(a.m);
	if ((!a.has_key && !is_keyless(t)) || !a.has_value) {
		bh_map__free(a.m);
		return cli_error("key or value missing");
	}
	return elem_done(&a, bh_map__update_elem(a.m, is_keyless(t) ? NULL : a.key,
						 a.value, a.flags), "update");
}

static int do_delete(int argc, char **argv)
{
	static struct elem_args a;

	if (parse_elem(argc, argv, &a, false, false))
		return 255;
	return elem_done(&a, bh_map__delete_elem(a.m, a.has_key ? a.key : NULL),
			 "delete");
}

static int do_getnext(int argc, char **argv)
{
	static struct elem_args a;
	uint8_t next[MAX_BYTES];
	int r;

	if (parse_elem(argc, argv, &a, false, false))
		return 255;
	r = bh_map__get_next_key(a.m, a.has_key ? a.key : NULL, next);
	if (!r) {
		if (cli_json) {
			json_begin_object();
			json_hex("next_key", next, bh_map__key_size(a.m));
			json_end_object();
			json_newline();
		} else {
			print_bytes("next key", next, bh_map__key_size(a.m));
			printf("\n");
		}
	}
	return elem_done(&a, r, "get next key");
}

static int do_freeze(int argc, char **argv)
{
	struct bh_map *m = parse_map(&argc, &argv);
	int r;

	if (!m)
		return 255;
	r = bh_map__freeze(m);
	bh_map__free(m);
	return r ? cli_error("freeze failed: %s", strerror(-r)) : 0;
}


/* ---- consume: records of a RINGBUF, as they arrive ------------------------------- */

struct consume_state {
	uint64_t seen;   /* records printed */
	uint64_t limit;  /* --count, 0: none */
	const struct cli_record_type *type; /* --type, or NULL: hex */
};

/*
 * One record: "#N SIZE bytes: hex" or {"index":N,"size":S,"data":"hex"};
 * with --type, "#N SIZE bytes: { .a = 1, ... }" and a "value" key (and
 * "tail": the bytes after the type).
 */
static int consume_print(void *ctx, void *data, size_t size)
{
	struct consume_state *st = ctx;
	const uint8_t *p = data;

	if (cli_json) {
		json_begin_object();
		json_uint("index", st->seen);
		json_uint("size", size);
		json_hex("data", p, size);
		if (st->type)
			cli_record_json(st->type, p, size);
		json_end_object();
		json_newline();
	} else {
		printf("#%" PRIu64 " %zu bytes:", st->seen, size);
		if (st->type)
			cli_record_text(st->type, p, size);
		else
			for (size_t i = 0; i < size; i++)
				printf(" %02x", p[i]);
		printf("\n");
	}
	st->seen++;
	/* a negative return stops consumption (the record counts as consumed) */
	return st->limit && st->seen >= st->limit ? -1 : 0;
}

static double mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int parse_num(const char *what, const char *s, long long min, long long *v)
{
	char *end;

	errno = 0;
	*v = strtoll(s, &end, 0);
	if (errno || *end || !*s || *v < min)
		return cli_error("bad %s '%s'", what, s);
	return 0;
}

/* A descriptor of process @pidfd (pidfd_getfd); -1 and an error printed. */
static int steal_fd(int pidfd, long long pid, long long fd, const char *what)
{
	int r = (int)syscall(SYS_pidfd_getfd, pidfd, (int)fd, 0);

	if (r < 0)
		cli_error("cannot get %s %lld of process %lld: %s", what, fd, pid,
			  strerror(errno));
	return r;
}

/*
 * map consume MAP [--type NAME --btf FILE] [--count N] [--timeout MS]
 * map consume pid PID fd MEMFD [event EVFD] [--type NAME --btf FILE] ...
 *
 * Prints records as they arrive (as BTF type NAME of FILE with --type).  Stops after N records (--count), after
 * MS milliseconds (--timeout; -1: never), or when the other process exits
 * (its ring is drained first).  A ring of this process without --count or
 * --timeout: what is there now, without waiting.
 */
static int do_consume(int argc, char **argv)
{
	struct consume_state st = { 0 };
	struct cli_record_type rt = { 0 };
	const char *type = NULL, *btf = NULL;
	struct bh_ring_buffer *rb = NULL;
	struct bh_map *m = NULL;
	long long pid = -1, memfd = -1, evfd = -1, count = 0, timeout = -2;
	int pidfd = -1, mem = -1, ev = -1, own_ev = -1, ret = 255;
	bool have_pid = false, waited = false;
	double deadline;

	if (argc >= 1 && !strcmp(argv[0], "pid")) {
		if (argc < 4 || strcmp(argv[2], "fd"))
			return cli_error("expected 'pid PID fd MEMFD [event EVFD]'");
		if (parse_num("pid", argv[1], 1, &pid) ||
		    parse_num("memfd", argv[3], 0, &memfd))
			return 255;
		have_pid = true;
		argc -= 4, argv += 4;
		if (argc >= 2 && !strcmp(argv[0], "event")) {
			if (parse_num("eventfd", argv[1], 0, &evfd))
				return 255;
			argc -= 2, argv += 2;
		}
	} else {
		m = parse_map(&argc, &argv);
		if (!m)
			return 255;
	}
	for (; argc > 0; argc--, argv++) {
		if (!strcmp(argv[0], "--json") || !strcmp(argv[0], "-j"))
			continue;
		if (argc >= 2 && !strcmp(argv[0], "--count")) {
			if (parse_num("count", argv[1], 1, &count))
				goto out;
		} else if (argc >= 2 && !strcmp(argv[0], "--timeout")) {
			if (parse_num("timeout", argv[1], -1, &timeout))
				goto out;
		} else if (argc >= 2 && !strcmp(argv[0], "--type")) {
			type = argv[1];
		} else if (argc >= 2 && !strcmp(argv[0], "--btf")) {
			btf = argv[1];
		} else {
			cli_error("unexpected argument '%s'", argv[0]);
			goto out;
		}
		argc--, argv++;
	}
	st.limit = (uint64_t)count;
	if (!type != !btf) {
		cli_error(type ? "--type needs --btf FILE (the object or BTF file "
				 "that defines the type)"
			       : "--btf is for --type NAME");
		goto out;
	}
	if (type) {
		if (cli_record_type_load(&rt, btf, type))
			goto out;
		st.type = &rt;
	}
	if (have_pid) {
		pidfd = (int)syscall(SYS_pidfd_open, (pid_t)pid, 0);
		if (pidfd < 0) {
			cli_error("cannot open process %lld: %s", pid, strerror(errno));
			goto out;
		}
		mem = steal_fd(pidfd, pid, memfd, "memfd");
		if (mem < 0)
			goto out;
		if (evfd >= 0) {
			ev = steal_fd(pidfd, pid, evfd, "eventfd");
			if (ev < 0)
				goto out;
		} else {
			/* no notifications: an eventfd nobody writes, and polls
			 * every few milliseconds */
			ev = own_ev = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
			if (ev < 0) {
				cli_error("eventfd: %s", strerror(errno));
				goto out;
			}
		}
		rb = bh_ring_buffer__new_shared(mem, ev, consume_print, &st, NULL);
		if (!rb) {
			cli_error("fd %lld of process %lld is not a ring buffer: %s",
				  memfd, pid, strerror(errno));
			goto out;
		}
	} else {
		if (bh_map__type(m) != BPF_MAP_TYPE_RINGBUF) {
			cli_error("map '%s' is a %s, not a ringbuf", bh_map__name(m),
				  type_name(bh_map__type(m)));
			goto out;
		}
		rb = bh_ring_buffer__new(m, consume_print, &st, NULL);
		if (!rb) {
			cli_error("consuming map '%s': %s", bh_map__name(m),
				  strerror(errno));
			goto out;
		}
		if (timeout == -2 && !count)
			timeout = 0; /* what is there now */
	}
	if (timeout == -2)
		timeout = -1;
	deadline = timeout >= 0 ? mono_ms() + (double)timeout : 0;
	for (;;) {
		struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
		bool exited;
		int n, wait_ms;

		/* exited: its ring is drained by the consume below, then stop */
		exited = pidfd >= 0 && poll(&pfd, 1, 0) > 0;
		n = bh_ring_buffer__consume(rb);
		fflush(stdout);
		if (n < 0 && n != -1) {
			cli_error("consume failed: %s", strerror(-n));
			goto out;
		}
		if ((st.limit && st.seen >= st.limit) || exited)
			break;
		if (timeout >= 0 && mono_ms() >= deadline && waited)
			break;
		/* without the producer's eventfd nothing wakes us: poll */
		wait_ms = own_ev >= 0 ? 5 : 100;
		if (timeout >= 0) {
			double left = deadline - mono_ms();

			if (left < wait_ms)
				wait_ms = left > 0 ? (int)left + 1 : 0;
		}
		waited = true;
		/* waits on the ring's eventfd (and reads it); what arrives is
		 * consumed here or by the consume above */
		n = bh_ring_buffer__poll(rb, wait_ms);
		fflush(stdout);
		if (n < 0 && n != -1 && n != -EINTR) {
			cli_error("poll failed: %s", strerror(-n));
			goto out;
		}
		if (st.limit && st.seen >= st.limit)
			break;
	}
	fflush(stdout);
	if (st.limit && st.seen < st.limit) {
		cli_error("got %" PRIu64 " of %lld records", st.seen, count);
		goto out;
	}
	if (!cli_json && !have_pid && !st.seen)
		printf("(no records)\n");
	ret = 0;
out:
	bh_ring_buffer__free(rb);
	cli_record_type_free(&rt);
	if (mem >= 0)
		close(mem);
	if (ev >= 0)
		close(ev);
	if (pidfd >= 0)
		close(pidfd);
	bh_map__free(m);
	return ret;
}

static const struct cli_cmd map_cmds[] = {
	{ "create", do_create,
	  "type TYPE key KEY_SIZE value VALUE_SIZE entries MAX [name NAME] [flags F] [inner_map MAP] [extra N]",
	  "create a map (it lives as long as this process: use it in a batch)" },
	{ "show", do_show, "[MAP]", "list maps, or show one" },
	{ "dump", do_dump, "MAP", "print every element" },
	{ "lookup", do_lookup, "MAP [key BYTES] [lock]", "print one element" },
	{ "update", do_update, "MAP [key BYTES] value { BYTES | id ID } [any|exist|noexist] [lock]",
	  "create or update an element (per-CPU maps: same value on every CPU)" },
	{ "delete", do_delete, "MAP [key BYTES]", "delete an element" },
	{ "getnext", do_getnext, "MAP [key BYTES]", "print the key after KEY" },
	{ "freeze", do_freeze, "MAP", "make the map read-only for the host" },
	{ "consume", do_consume,
	  "{ MAP | pid PID fd MEMFD [event EVFD] } [--type NAME --btf FILE] [--count N] [--timeout MS]",
	  "print a ringbuf's records as they arrive (another process's ring by its memfd)" },
	{ NULL, NULL, NULL, NULL },
};

int cmd_map(int argc, char **argv)
{
	return cli_dispatch("map", map_cmds, argc, argv);
}

/* ---- batch FILE ------------------------------------------------------------------ */

/* Split @line into words (quotes '' and "" group, # starts a comment). */
static int split_words(char *line, char **argv, int max)
{
	int argc = 0;
	char *p = line;

	while (*p) {
		char quote = 0, *w;

		while (isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			break;
		if (argc >= max)
			return -1;
		if (*p == '\'' || *p == '"')
			quote = *p++;
		w = p;
		while (*p && (quote ? *p != quote : !isspace((unsigned char)*p)))
			p++;
		if (*p)
			*p++ = '\0';
		argv[argc++] = w;
	}
	return argc;
}

int cmd_batch(int argc, char **argv)
{
	char *text, *line, *save = NULL;
	int lineno = 0, done = 0, ret = 0;
	size_t size;

	if (argc < 1 || (argc >= 1 && !strcmp(argv[0], "help")))
		return argc < 1 ? cli_error("batch needs a FILE ('-' for stdin)")
				: (printf("Usage: bpfhost batch FILE\n"), 0);
	if (argc >= 2 && !strcmp(argv[0], "file")) /* bpftool's spelling */
		argv++, argc--;
	text = cli_read_file(argv[0], &size);
	if (!text)
		return 255;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *words[256];
		int n;

		lineno++;
		n = split_words(line, words, 256);
		if (n < 0) {
			ret = cli_error("line %d: too many arguments", lineno);
			break;
		}
		if (!n)
			continue;
		if (!strcmp(words[0], "batch")) {
			ret = cli_error("line %d: nested batch", lineno);
			break;
		}
		ret = cli_run_command(n, words);
		if (ret) {
			fprintf(stderr, "Error: line %d: command failed\n", lineno);
			break;
		}
		done++;
	}
	if (!cli_json)
		fprintf(stderr, "processed %d command%s\n", done, done == 1 ? "" : "s");
	free(text);
	return ret;
}
