/* SPDX-License-Identifier: MIT */
/*
 * tools/bpfhost/cmd_prog.c - `bpfhost prog`: load, show, verify, dump and
 * run programs, from clang-built ELF objects (bh_object__*) or from files
 * of assembly text or raw instructions (told apart by the ELF magic).
 *
 *   prog load OBJ [--prog NAME]          load, print programs and maps
 *   prog show                            programs of this process
 *   prog dump xlated FILE [--prog NAME]  the loaded, relocated instructions
 *   prog verify OBJ [--prog NAME] [--log-level N]
 *   prog run FILE [--prog NAME] [--data-in F] [--ctx-in F] [--repeat N]
 *                 [--pcap F [--write-pcap OUT]] [--trace] [--dump-maps]
 *                 [--wait-timers MS]
 *
 * The JSON of `prog run` (one object: retval, data_out, duration_ns, ...)
 * and of `prog verify` (an array: prog, verdict, errno, log, ...) are
 * stable forms that outside checks rely on: add keys, never rename them.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "pcap.h"

/* ---- Arguments --------------------------------------------------------------- */

struct prog_args {
	const char *file, *prog, *data_in, *ctx_in, *type, *pcap, *write_pcap;
	const char *ringbuf_type; /* --ringbuf-type MAP=NAME */
	int repeat;
	int wait_ms;   /* --wait-timers: after the run, for armed bpf_timers */
	int log_level; /* -1: not given */
	bool unchecked, no_verify, unpriv, trace, dump_maps, asm_syntax;
};

static int parse_args(const char *verb, int argc, char **argv,
		      struct prog_args *a)
{
	a->log_level = -1;
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(arg, "--json") || !strcmp(arg, "-j"))
			continue;
		if (!strcmp(arg, "--unchecked")) {
			a->unchecked = true;
			continue;
		}
		if (!strcmp(arg, "--no-verify")) {
			a->no_verify = true;
			continue;
		}
		if (!strcmp(arg, "--unpriv")) {
			a->unpriv = true;
			continue;
		}
		if (!strcmp(arg, "--trace")) {
			a->trace = true;
			continue;
		}
		if (!strcmp(arg, "--dump-maps")) {
			a->dump_maps = true;
			continue;
		}
		if (!strcmp(arg, "--asm")) {
			a->asm_syntax = true;
			continue;
		}
		if (arg[0] != '-' || !strcmp(arg, "-")) {
			if (a->file)
				return cli_error("unexpected argument '%s'", arg);
			a->file = arg;
			continue;
		}
		if (!val)
			return cli_error("option '%s' needs a value", arg);
		if (!strcmp(arg, "--data-in"))
			a->data_in = val;
		else if (!strcmp(arg, "--ctx-in"))
			a->ctx_in = val;
		else if (!strcmp(arg, "--type"))
			a->type = val;
		else if (!strcmp(arg, "--prog"))
			a->prog = val;
		else if (!strcmp(arg, "--pcap"))
			a->pcap = val;
		else if (!strcmp(arg, "--write-pcap"))
			a->write_pcap = val;
		else if (!strcmp(arg, "--ringbuf-type"))
			a->ringbuf_type = val;
		else if (!strcmp(arg, "--repeat") || !strcmp(arg, "--log-level") ||
			 !strcmp(arg, "--wait-timers")) {
			char *end;
			long v = strtol(val, &end, 0);

			if (*end || v < 0 || v > 1000000000)
				return cli_error("bad value '%s' for %s", val, arg);
			if (arg[2] == 'r')
				a->repeat = (int)v;
			else if (arg[2] == 'w')
				a->wait_ms = (int)v;
			else
				a->log_level = (int)v;
		} else {
			return cli_error("unknown option '%s'", arg);
		}
		i++;
	}
	if (!a->file)
		return cli_error("prog %s needs a FILE (try 'bpfhost prog help')", verb);
	if (a->write_pcap && !a->pcap)
		return cli_error("--write-pcap needs --pcap");
	if (a->pcap && (a->data_in || a->ctx_in || a->repeat))
		return cli_error("--pcap takes the packets from the file: no --data-in, "
				 "--ctx-in or --repeat");
	if (a->pcap && a->wait_ms)
		return cli_error("--wait-timers applies to a single run, not --pcap");
	return 0;
}

static bool is_elf(const char *path)
{
	unsigned char m[4] = { 0 };
	FILE *f = fopen(path, "rb");
	bool elf;

	if (!f)
		return false;
	elf = fread(m, 1, 4, f) == 4 && !memcmp(m, "\177ELF", 4);
	fclose(f);
	return elf;
}

/* bpftool's names of program types (enum bpf_prog_type order). */
static const char *prog_type_name(uint32_t t)
{
	static const char *const names[] = {
		"unspec", "socket_filter", "kprobe", "sched_cls", "sched_act",
		"tracepoint", "xdp", "perf_event", "cgroup_skb", "cgroup_sock",
		"lwt_in", "lwt_out", "lwt_xmit", "sock_ops", "sk_skb",
		"cgroup_device", "sk_msg", "raw_tracepoint", "cgroup_sock_addr",
		"lwt_seg6local", "lirc_mode2", "sk_reuseport", "flow_dissector",
		"cgroup_sysctl", "raw_tracepoint_writable", "cgroup_sockopt",
		"tracing", "struct_ops", "ext", "lsm", "sk_lookup", "syscall",
		"netfilter",
	};

	return t < sizeof(names) / sizeof(names[0]) ? names[t] : "unknown";
}

static const char *map_type_name(uint32_t t)
{
	const char *n = bh_map_type_str(t);

	return n ? n : "unknown";
}

/* ---- Objects ----------------------------------------------------------------- */

/*
 * Objects loaded by `prog load` stay loaded until the process ends, so that
 * later commands of a `bpfhost batch` (prog show, map dump, ...) see them.
 */
static struct bh_object **kept;
static size_t kept_cnt;

static void keep_object(struct bh_object *obj)
{
	struct bh_object **n = realloc(kept, (kept_cnt + 1) * sizeof(*n));

	if (!n)
		return; /* it leaks, which is what keeping means anyway */
	kept = n;
	kept[kept_cnt++] = obj;
}

/* BH_PROG_LOAD_F_* of --unchecked, --no-verify and --unpriv. */
static uint32_t load_flags(const struct prog_args *a)
{
	return (a->unchecked ? BH_PROG_LOAD_F_UNCHECKED : 0) |
	       (a->no_verify ? BH_PROG_LOAD_F_NO_VERIFY : 0) |
	       (a->unpriv ? BH_PROG_LOAD_F_UNPRIV : 0);
}

static size_t log_size_for(int level)
{
	return level >= 2 ? 16u << 20 : 1u << 20;
}

/* The program's log (or the object's messages), without trailing newlines. */
static const char *trim_log(char *log)
{
	size_t n = strlen(log);

	while (n && (log[n - 1] == '\n' || log[n - 1] == ' '))
		log[--n] = '\0';
	return log;
}

static struct bh_object *open_object(const struct prog_args *a, char *log,
				     size_t log_sz)
{
	BH_OPTS(bh_object_open_opts, oo, .log_buf = log, .log_size = log_sz,
		.log_level = a->log_level > 0 ? (uint32_t)a->log_level : 0,
		.prog_bh_flags = load_flags(a));
	struct bh_object *obj;

	log[0] = '\0';
	obj = bh_object__open_file(a->file, &oo);
	if (!obj)
		cli_error("cannot open '%s' (%s): %s", a->file, strerror(errno),
			  log[0] ? trim_log(log) : "no details");
	return obj;
}

/* Program @name, or the first one loaded by default; NULL with an error. */
static struct bh_program *pick_program(struct bh_object *obj, const char *name,
				       const char *file)
{
	struct bh_program *p;
	char names[512] = "";
	size_t n = 0;

	if (name) {
		p = bh_object__find_program_by_name(obj, name);
		if (p)
			return p;
	} else {
		for (p = bh_object__next_program(obj, NULL); p;
		     p = bh_object__next_program(obj, p))
			if (bh_program__autoload(p))
				return p;
	}
	for (p = bh_object__next_program(obj, NULL); p && n < sizeof(names);
	     p = bh_object__next_program(obj, p))
		n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s",
				      n ? ", " : "", bh_program__name(p));
	if (name)
		cli_error("'%s' has no program named '%s' (programs: %s)", file, name,
			  names[0] ? names : "none");
	else
		cli_error("'%s' has no program loaded by default (programs: %s)", file,
			  names[0] ? names : "none");
	return NULL;
}

/* Load only @only (the others' autoload off); 0 or an error printed. */
static int load_only(struct bh_object *obj, struct bh_program *only,
		     const char *file, char *log)
{
	int err;

	for (struct bh_program *p = bh_object__next_program(obj, NULL); p;
	     p = bh_object__next_program(obj, p))
		bh_program__set_autoload(p, p == only);
	err = bh_object__load(obj);
	if (err)
		return cli_error("loading '%s' from '%s' failed (%s): %s",
				 bh_program__name(only), file, strerror(-err),
				 log[0] ? trim_log(log) : "no details");
	return 0;
}

/* ---- Trace lines ------------------------------------------------------------- */

#define TRACE_MAX_LINES 100000

struct trace_line {
	uint64_t record; /* pcap record, 0 for single runs */
	char *text;
};

static struct {
	struct trace_line *lines;
	size_t cnt, cap, dropped;
	uint64_t record;
} trace;

static void trace_collect_locked(const char *line, size_t len)
{
	struct trace_line *n;

	while (len && line[len - 1] == '\n')
		len--;
	if (trace.cnt >= TRACE_MAX_LINES) {
		trace.dropped++;
		return;
	}
	if (trace.cnt == trace.cap) {
		size_t cap = trace.cap ? trace.cap * 2 : 64;

		n = realloc(trace.lines, cap * sizeof(*n));
		if (!n) {
			trace.dropped++;
			return;
		}
		trace.lines = n;
		trace.cap = cap;
	}
	trace.lines[trace.cnt].record = trace.record;
	trace.lines[trace.cnt].text = strndup(line, len);
	if (!trace.lines[trace.cnt].text) {
		trace.dropped++;
		return;
	}
	trace.cnt++;
}

/* Lines come from the run's thread and, for bpf_timer callbacks, from the
 * library's timer thread at the same time: one at a time into the list. */
static pthread_mutex_t trace_mutex = PTHREAD_MUTEX_INITIALIZER;

static void trace_collect(void *ctx, unsigned int cpu, const char *line,
			  size_t len)
{
	pthread_mutex_lock(&trace_mutex);
	trace_collect_locked(line, len);
	pthread_mutex_unlock(&trace_mutex);
}

static void trace_start(void)
{
	bh_trace__set_handler(trace_collect, NULL);
}

static void trace_stop(void)
{
	bh_trace__set_handler(NULL, NULL);
}

static void trace_free(void)
{
	for (size_t i = 0; i < trace.cnt; i++)
		free(trace.lines[i].text);
	free(trace.lines);
	memset(&trace, 0, sizeof(trace));
}

/* "trace": [...] with --json, or the lines as text; @show: --trace given. */
static void print_trace(bool show, bool per_record)
{
	if (!show) {
		if (!cli_json && trace.cnt)
			printf("(%zu bpf_trace_printk line%s not shown: add --trace)\n",
			       trace.cnt, trace.cnt == 1 ? "" : "s");
		return;
	}
	if (cli_json) {
		json_begin_array("trace");
		for (size_t i = 0; i < trace.cnt; i++) {
			if (!per_record) {
				json_string(NULL, trace.lines[i].text);
				continue;
			}
			json_begin_object();
			json_uint("record", trace.lines[i].record);
			json_string("text", trace.lines[i].text);
			json_end_object();
		}
		json_end_array();
		if (trace.dropped)
			json_uint("trace_dropped", trace.dropped);
		return;
	}
	printf("trace (%zu line%s of bpf_trace_printk):\n", trace.cnt,
	       trace.cnt == 1 ? "" : "s");
	for (size_t i = 0; i < trace.cnt; i++) {
		if (per_record)
			printf("  record %-6" PRIu64 " %s\n", trace.lines[i].record,
			       trace.lines[i].text);
		else
			printf("  %s\n", trace.lines[i].text);
	}
	if (trace.dropped)
		printf("  (%zu more lines dropped)\n", trace.dropped);
}

/* ---- Maps as tables (--dump-maps) ---------------------------------------------- */

#define MAX_COLS 16

static bool is_percpu(uint32_t t)
{
	return t == BPF_MAP_TYPE_PERCPU_HASH || t == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       t == BPF_MAP_TYPE_LRU_PERCPU_HASH;
}

static bool is_array(uint32_t t)
{
	return t == BPF_MAP_TYPE_ARRAY || t == BPF_MAP_TYPE_PERCPU_ARRAY;
}

static const struct btf_type *resolved(const struct bh_btf *btf, uint32_t id,
				       uint32_t *rid)
{
	int r;

	if (!btf || !id)
		return NULL;
	r = bh_btf__resolve_type(btf, id);
	if (r <= 0)
		return NULL;
	*rid = (uint32_t)r;
	return bh_btf__type_by_id(btf, (uint32_t)r);
}

/* An integer type of 1..8 bytes: its size and signedness. */
static bool int_type(const struct bh_btf *btf, uint32_t id, uint32_t *size,
		     bool *sign)
{
	uint32_t rid;
	const struct btf_type *t = resolved(btf, id, &rid);
	uint32_t enc;

	if (!t)
		return false;
	if (BTF_INFO_KIND(t->info) == BTF_KIND_ENUM)
		return false; /* printed by name */
	if (BTF_INFO_KIND(t->info) != BTF_KIND_INT || t->size > 8)
		return false;
	enc = *(const uint32_t *)(t + 1);
	if (BTF_INT_OFFSET(enc) || BTF_INT_BITS(enc) != t->size * 8 ||
	    (BTF_INT_ENCODING(enc) & BTF_INT_BOOL))
		return false;
	*size = t->size;
	*sign = BTF_INT_ENCODING(enc) & BTF_INT_SIGNED;
	return true;
}

static uint64_t read_int(const uint8_t *p, uint32_t size, bool sign)
{
	uint64_t v = 0;

	memcpy(&v, p, size); /* little-endian host */
	if (sign && size < 8 && (v >> (size * 8 - 1)) & 1)
		v |= ~0ULL << (size * 8);
	return v;
}

/* Columns of a value that is an integer or a struct of integers. */
struct cols {
	int n;
	const char *name[MAX_COLS];
	uint32_t off[MAX_COLS], size[MAX_COLS];
	bool sign[MAX_COLS];
};

static bool int_columns(const struct bh_btf *btf, uint32_t id, struct cols *c)
{
	uint32_t rid, size;
	const struct btf_type *t;
	bool sign;

	memset(c, 0, sizeof(*c));
	if (int_type(btf, id, &size, &sign)) {
		c->n = 1;
		c->name[0] = "value";
		c->size[0] = size;
		c->sign[0] = sign;
		return true;
	}
	t = resolved(btf, id, &rid);
	if (!t || BTF_INFO_KIND(t->info) != BTF_KIND_STRUCT ||
	    !BTF_INFO_VLEN(t->info) || BTF_INFO_VLEN(t->info) > MAX_COLS)
		return false;
	for (uint32_t i = 0; i < BTF_INFO_VLEN(t->info); i++) {
		const struct btf_member *m = (const struct btf_member *)(t + 1) + i;
		uint32_t bits = 0;
		int64_t off = bh_btf__member_bit_offset(btf, rid, i, &bits);

		if (off < 0 || off % 8 || bits || !int_type(btf, m->type, &size, &sign))
			return false;
		c->name[i] = bh_btf__name_by_offset(btf, m->name_off);
		if (!c->name[i] || !c->name[i][0])
			return false;
		c->off[i] = (uint32_t)(off / 8);
		c->size[i] = size;
		c->sign[i] = sign;
	}
	c->n = (int)BTF_INFO_VLEN(t->info);
	return true;
}

/*
 * A key or value as text: struct in_addr as a dotted IPv4 address, other
 * types as bh_btf__snprint_value() prints them (enums by name), bytes in
 * hex without BTF.
 */
static void fmt_value(const struct bh_btf *btf, uint32_t id, const uint8_t *p,
		      size_t size, char *buf, size_t bsz)
{
	uint32_t rid;
	const struct btf_type *t = resolved(btf, id, &rid);
	size_t n = 0;

	if (t && BTF_INFO_KIND(t->info) == BTF_KIND_STRUCT && t->size == 4 &&
	    size >= 4 &&
	    !strcmp(bh_btf__name_by_offset(btf, t->name_off) ?: "", "in_addr")) {
		snprintf(buf, bsz, "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
		return;
	}
	if (t && bh_btf__snprint_value(btf, id, p, size, buf, bsz) >= 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < size && n + 3 < bsz; i++)
		n += (size_t)snprintf(buf + n, bsz - n, "%s%02x", i ? " " : "", p[i]);
}

struct row {
	uint8_t *key, *val; /* val: every CPU's slot */
	char key_text[128];
	char *value_text; /* when the value has no integer columns */
	uint64_t num[MAX_COLS];
};

static int key_cmp(const void *a, const void *b, void *ks)
{
	return memcmp(((const struct row *)a)->key, ((const struct row *)b)->key,
		      *(size_t *)ks);
}

/* Global data (.data, .rodata, .bss, ...): one line per variable. */
static void dump_global_data(const struct bh_object *obj,
			     const struct bh_object_map *om)
{
	const struct bh_btf *btf = bh_object__btf(obj);
	const char *sec = bh_object_map__name(om);
	size_t size;
	const uint8_t *mem = bh_object_map__initial_value(om, &size);
	int ds = btf ? bh_btf__find_by_name_kind(btf, sec, BTF_KIND_DATASEC) : -1;
	const struct btf_type *t = ds > 0 ? bh_btf__type_by_id(btf, (uint32_t)ds) : NULL;
	char text[1024];

	if (cli_json) {
		json_begin_object();
		json_string("name", sec);
		json_string("type", "global data");
		json_key_object("vars");
	} else {
		printf("\nGlobal data %s:\n", sec);
	}
	for (uint32_t i = 0; t && mem && i < BTF_INFO_VLEN(t->info); i++) {
		const struct btf_var_secinfo *vs = (const struct btf_var_secinfo *)(t + 1) + i;
		const struct btf_type *var = bh_btf__type_by_id(btf, vs->type);
		const char *name, *base;

		if (!var || BTF_INFO_KIND(var->info) != BTF_KIND_VAR ||
		    (uint64_t)vs->offset + vs->size > size)
			continue;
		name = bh_btf__name_by_offset(btf, var->name_off);
		/* statics of macros such as bpf_printk's format strings
		 * ("xdp_stats.____fmt": FUNCTION.NAME for a static in one) */
		if (!name)
			continue;
		base = strrchr(name, '.') ? strrchr(name, '.') + 1 : name;
		if (base[0] == '_' &&
		    ((const struct btf_var *)(var + 1))->linkage == BTF_VAR_STATIC)
			continue;
		fmt_value(btf, var->type, mem + vs->offset, vs->size, text, sizeof(text));
		if (cli_json)
			json_string(name, text);
		else
			printf("  %-24s = %s\n", name, text);
	}
	if (cli_json) {
		json_end_object();
		json_end_object();
	}
}

static void dump_map_table(const struct bh_object *obj,
			   const struct bh_object_map *om)
{
	const struct bh_btf *btf = bh_object__btf(obj);
	struct bh_map *m = bh_object_map__map(om);
	uint32_t type = bh_map__type(m), kid = bh_object_map__btf_key_type_id(om);
	uint32_t vid = bh_object_map__btf_value_type_id(om);
	size_t ks = bh_map__key_size(m), vs = bh_map__value_size(m);
	size_t slot = is_percpu(type) ? (vs + 7) & ~(size_t)7 : vs;
	size_t ncpu = is_percpu(type) ? bh_cpu_count_get() : 1;
	uint8_t *key = calloc(1, ks + 1), *next = calloc(1, ks + 1);
	uint8_t *val = calloc(ncpu, slot + 1);
	struct row *rows = NULL;
	size_t nrows = 0, zero = 0, kw = 3;
	const char *key_head = "key";
	int numw[MAX_COLS];
	struct cols c;
	bool cols = int_columns(btf, vid, &c);

	if (!key || !next || !val)
		goto out;
	for (int r = bh_map__get_next_key(m, NULL, next); !r;
	     r = bh_map__get_next_key(m, key, next)) {
		struct row *row, *tmp;
		bool all_zero = true;

		memcpy(key, next, ks);
		if (bh_map__lookup_elem(m, key, val))
			continue;
		for (size_t i = 0; i < ncpu * slot; i++)
			all_zero &= !val[i];
		if (is_array(type) && all_zero) {
			zero++;
			continue;
		}
		tmp = realloc(rows, (nrows + 1) * sizeof(*rows));
		if (!tmp)
			break;
		rows = tmp;
		row = &rows[nrows++];
		memset(row, 0, sizeof(*row));
		row->key = malloc(ks + 1);
		if (row->key)
			memcpy(row->key, key, ks);
		row->val = malloc(ncpu * slot + 1);
		if (row->val)
			memcpy(row->val, val, ncpu * slot);
		if (!kid && is_array(type) && ks == 4)
			snprintf(row->key_text, sizeof(row->key_text), "%u",
				 *(uint32_t *)key);
		else
			fmt_value(btf, kid, key, ks, row->key_text, sizeof(row->key_text));
		if (cols) {
			for (size_t cpu = 0; cpu < ncpu; cpu++)
				for (int i = 0; i < c.n; i++)
					row->num[i] += read_int(val + cpu * slot + c.off[i],
								c.size[i], c.sign[i]);
		} else {
			char text[1024];
			size_t n = 0;

			text[0] = '\0';
			for (size_t cpu = 0; cpu < ncpu && n < sizeof(text); cpu++) {
				char one[512];

				fmt_value(btf, vid, val + cpu * slot, vs, one, sizeof(one));
				n += (size_t)snprintf(text + n, sizeof(text) - n, "%s%s",
						      cpu ? " | " : "", one);
			}
			row->value_text = strdup(text);
		}
	}
	/* hash tables in key order, so that the output does not depend on it */
	if (!is_array(type) && rows && rows[0].key)
		qsort_r(rows, nrows, sizeof(*rows), key_cmp, &ks);

	if (cli_json) {
		json_begin_object();
		json_string("name", bh_object_map__name(om));
		json_uint("id", bh_map__id(m));
		json_string("type", map_type_name(type));
		json_begin_array("entries");
		for (size_t r = 0; r < nrows; r++) {
			json_begin_object();
			json_hex("key", rows[r].key, rows[r].key ? ks : 0);
			json_string("key_text", rows[r].key_text);
			json_hex("value", rows[r].val, rows[r].val ? ncpu * slot : 0);
			if (cols) {
				/* per-CPU maps: summed over the CPUs */
				json_key_object("fields");
				for (int i = 0; i < c.n; i++) {
					if (c.sign[i])
						json_int(c.name[i], (int64_t)rows[r].num[i]);
					else
						json_uint(c.name[i], rows[r].num[i]);
				}
				json_end_object();
			} else {
				json_string("value_text", rows[r].value_text ?: "");
			}
			json_end_object();
		}
		json_end_array();
		if (zero)
			json_uint("zero_entries", zero);
		json_end_object();
		goto out;
	}

	printf("\nMap %s (%s, max_entries %u%s): %zu entr%s\n", bh_object_map__name(om),
	       map_type_name(type), bh_map__max_entries(m),
	       ncpu > 1 ? ", values summed over CPUs" : "", nrows,
	       nrows == 1 ? "y" : "ies");
	/* the key column is named after the key's type: "proto", "in_addr" */
	{
		uint32_t rid;
		const struct btf_type *kt = resolved(btf, kid, &rid);
		const char *kn = kt ? bh_btf__name_by_offset(btf, kt->name_off) : NULL;

		if (kn && kn[0] && strlen(kn) < 40)
			key_head = kn;
	}
	kw = strlen(key_head);
	for (size_t r = 0; r < nrows; r++)
		if (strlen(rows[r].key_text) > kw)
			kw = strlen(rows[r].key_text);
	if (!nrows) {
		printf("  (empty)\n");
		goto out;
	}
	printf("  %-*s", (int)kw, key_head);
	for (int i = 0; cols && i < c.n; i++) {
		numw[i] = (int)strlen(c.name[i]);
		for (size_t r = 0; r < nrows; r++) {
			char tmp[32];
			int w = snprintf(tmp, sizeof(tmp), c.sign[i] ? "%" PRId64 : "%" PRIu64,
					 rows[r].num[i]);

			if (w > numw[i])
				numw[i] = w;
		}
		printf("  %*s", numw[i], c.name[i]);
	}
	printf(cols ? "\n" : "  value\n");
	for (size_t r = 0; r < nrows; r++) {
		printf("  %-*s", (int)kw, rows[r].key_text);
		for (int i = 0; cols && i < c.n; i++)
			printf(c.sign[i] ? "  %*" PRId64 : "  %*" PRIu64, numw[i],
			       rows[r].num[i]);
		if (!cols)
			printf("  %s", rows[r].value_text ?: "");
		printf("\n");
	}
	if (zero)
		printf("  (%zu zero entr%s not shown)\n", zero, zero == 1 ? "y" : "ies");
out:
	for (size_t r = 0; r < nrows; r++) {
		free(rows[r].key);
		free(rows[r].val);
		free(rows[r].value_text);
	}
	free(rows);
	free(key);
	free(next);
	free(val);
}

/* Every map of @obj: "maps": [...] with --json, else tables. */
static void dump_maps(const struct bh_object *obj)
{
	if (cli_json)
		json_begin_array("maps");
	for (struct bh_object_map *om = bh_object__next_map(obj, NULL); om;
	     om = bh_object__next_map(obj, om)) {
		size_t sz;

		if (!bh_object_map__map(om))
			continue;
		if (bh_object_map__initial_value(om, &sz))
			dump_global_data(obj, om);
		else
			dump_map_table(obj, om);
	}
	if (cli_json)
		json_end_array();
}

/* ---- prog run ---------------------------------------------------------------- */

/* What `prog run` works on: one loaded program, with its object if any. */
struct run_target {
	struct bh_object *obj;   /* NULL for assembly / raw instructions */
	struct bh_prog *prog;    /* borrowed from obj, or owned */
	const char *name;
	struct bpf_insn *insns;  /* raw files */
};

static int load_target(const struct prog_args *a, struct run_target *t,
		       char *log, size_t log_sz)
{
	struct bh_program *p;
	size_t cnt;
	int type;

	memset(t, 0, sizeof(*t));
	if (is_elf(a->file)) {
		if (a->type)
			return cli_error("--type is for assembly and raw files: an "
					 "object's programs have their type from SEC()");
		t->obj = open_object(a, log, log_sz);
		if (!t->obj)
			return 255;
		p = pick_program(t->obj, a->prog, a->file);
		if (!p || load_only(t->obj, p, a->file, log))
			return 255;
		t->prog = bh_program__prog(p);
		t->name = bh_program__name(p);
		return 0;
	}
	if (a->prog)
		return cli_error("--prog picks a program of an ELF object; '%s' is "
				 "assembly or raw instructions", a->file);
	type = cli_prog_type(a->type ? a->type : a->pcap ? "xdp" : "syscall");
	if (type < 0)
		return cli_error("unknown program type '%s'", a->type);
	if (cli_load_insns(a->file, &t->insns, &cnt))
		return 255;
	BH_OPTS(bh_prog_load_opts, lopts, .log_buf = log, .log_size = log_sz,
		.license = "GPL",
		.log_level = a->log_level > 0 ? (uint32_t)a->log_level : 0,
		.bh_flags = load_flags(a));
	t->prog = bh_prog__load((uint32_t)type, t->insns, cnt, &lopts);
	if (!t->prog)
		return cli_error("loading '%s' failed (%s): %s", a->file,
				 strerror(errno), trim_log(log));
	t->name = "";
	return 0;
}

static void free_target(struct run_target *t)
{
	if (t->obj)
		bh_object__close(t->obj);
	else
		bh_prog__free(t->prog);
	free(t->insns);
}

/* ---- Ring buffer records made by the run ------------------------------------------ */

/*
 * The records the program put in its object's RINGBUF maps, consumed after
 * each run (after each packet of a pcap, so that every record is tied to
 * the packet that made it and a long capture never fills a ring) and kept
 * here until the results are printed.
 */
#define RINGREC_MAX 100000

struct ringrec {
	uint64_t record; /* pcap record, 0 for single runs */
	const char *map; /* the object's map name */
	uint64_t index;  /* in this ring, over the whole command */
	size_t size;
	uint8_t *data;
};

static struct {
	struct ringrec *recs;
	size_t cnt, cap, dropped;
	/* while consuming: */
	uint64_t record, index;
	const char *map;
	/* --ringbuf-type MAP=NAME: MAP's records print as NAME */
	const char *typed_map;
	struct cli_record_type type;
} ringrec;

static int ringrec_collect(void *ctx, void *data, size_t size)
{
	struct ringrec *r;

	ringrec.index++;
	if (ringrec.cnt >= RINGREC_MAX) {
		ringrec.dropped++;
		return 0;
	}
	if (ringrec.cnt == ringrec.cap) {
		size_t cap = ringrec.cap ? ringrec.cap * 2 : 64;

		r = realloc(ringrec.recs, cap * sizeof(*r));
		if (!r) {
			ringrec.dropped++;
			return 0;
		}
		ringrec.recs = r;
		ringrec.cap = cap;
	}
	r = &ringrec.recs[ringrec.cnt];
	r->data = malloc(size ? size : 1);
	if (!r->data) {
		ringrec.dropped++;
		return 0;
	}
	memcpy(r->data, data, size);
	r->record = ringrec.record;
	r->map = ringrec.map;
	r->index = ringrec.index - 1;
	r->size = size;
	ringrec.cnt++;
	return 0;
}

static bool is_ringbuf(const struct bh_object_map *om)
{
	struct bh_map *m = bh_object_map__map(om);

	return m && bh_map__type(m) == BPF_MAP_TYPE_RINGBUF;
}

/*
 * Per ring of the object: the next record index (records kept or not) and
 * its consumer, made at the first collection and kept until the command
 * ends (a pcap collects after every packet).
 */
#define RINGREC_MAX_RINGS 64

struct ring_state {
	const char *map;
	uint64_t next;
	struct bh_ring_buffer *rb;
};

static struct ring_state ring_states[RINGREC_MAX_RINGS];

/* @om's state, or NULL past RINGREC_MAX_RINGS rings. */
static struct ring_state *ring_state_of(const struct bh_object_map *om)
{
	const char *map = bh_object_map__name(om);

	for (int i = 0; i < RINGREC_MAX_RINGS; i++) {
		struct ring_state *r = &ring_states[i];

		if (!r->map) {
			r->map = map;
			r->rb = bh_ring_buffer__new(bh_object_map__map(om), ringrec_collect,
						    NULL, NULL);
		}
		if (r->map == map)
			return r;
	}
	return NULL;
}

/*
 * Consume every RINGBUF of @t's object, ring after ring, into the store,
 * each record tagged with pcap record @record.  A ring that cannot be
 * consumed (no memory for its consumer, more than RINGREC_MAX_RINGS rings)
 * is left as it is.
 */
static void collect_ringbufs(const struct run_target *t, uint64_t record)
{
	if (!t->obj)
		return;
	ringrec.record = record;
	for (struct bh_object_map *om = bh_object__next_map(t->obj, NULL); om;
	     om = bh_object__next_map(t->obj, om)) {
		struct ring_state *r;

		if (!is_ringbuf(om) || !(r = ring_state_of(om)) || !r->rb)
			continue;
		ringrec.map = r->map;
		ringrec.index = r->next;
		bh_ring_buffer__consume(r->rb);
		/* records not kept still count: indexes stay per ring */
		r->next = ringrec.index;
	}
}

/*
 * --ringbuf-type MAP=NAME: MAP must be a RINGBUF of the object and NAME a
 * struct, union or typedef of its BTF; 0 or 255 with the error printed.
 */
static int ringrec_set_type(const struct prog_args *a, const struct run_target *t)
{
	static char spec[256];
	const struct bh_btf *btf;
	struct bh_object_map *om;
	char *eq;

	if (!a->ringbuf_type)
		return 0;
	if (!t->obj)
		return cli_error("--ringbuf-type is for ELF objects: their BTF "
				 "defines the type");
	snprintf(spec, sizeof(spec), "%s", a->ringbuf_type);
	eq = strchr(spec, '=');
	if (!eq || eq == spec || !eq[1])
		return cli_error("--ringbuf-type wants MAP=TYPE, not '%s'", a->ringbuf_type);
	*eq = '\0';
	om = bh_object__find_map_by_name(t->obj, spec);
	if (!om || !is_ringbuf(om))
		return cli_error("'%s' is not a ringbuf map of %s", spec, a->file);
	btf = bh_object__btf(t->obj);
	if (!btf)
		return cli_error("%s has no BTF (.BTF section): build it with -g", a->file);
	if (cli_record_type_find(&ringrec.type, btf, eq + 1, a->file))
		return 255;
	/* the store compares names: the object's own copy */
	ringrec.typed_map = bh_object_map__name(om);
	return 0;
}

static void ringrec_free(void)
{
	for (size_t i = 0; i < ringrec.cnt; i++)
		free(ringrec.recs[i].data);
	free(ringrec.recs);
	memset(&ringrec, 0, sizeof(ringrec));
	for (int i = 0; i < RINGREC_MAX_RINGS; i++)
		bh_ring_buffer__free(ring_states[i].rb);
	memset(ring_states, 0, sizeof(ring_states));
}

static void print_ringrec(const struct ringrec *r, bool per_record)
{
	bool typed = ringrec.typed_map && !strcmp(r->map, ringrec.typed_map);

	if (cli_json) {
		json_begin_object();
		if (per_record)
			json_uint("record", r->record);
		json_string("map", r->map);
		json_uint("size", r->size);
		json_hex("data", r->data, r->size);
		if (typed)
			cli_record_json(&ringrec.type, r->data, r->size);
		json_end_object();
		return;
	}
	if (per_record)
		printf("  record %-6" PRIu64 " ", r->record);
	else
		printf("  ");
	printf("%s #%" PRIu64 " (%zu bytes):", r->map, r->index, r->size);
	if (typed)
		cli_record_text(&ringrec.type, r->data, r->size);
	else
		for (size_t i = 0; i < r->size; i++)
			printf("%s%02x", i && i % 16 == 0 ? "\n   " : " ", r->data[i]);
	printf("\n");
}

/*
 * The records of the object's RINGBUF maps: "ringbuf": [{"map", "size",
 * "data" (hex)}, ...] with --json, else a text section.  Single runs
 * (@per_record false): ring after ring, as the rings hold them.  Pcap runs:
 * packet after packet, each entry with the pcap "record" that made it.
 * Rings have no value type: records are hex.  Nothing when the object has
 * no RINGBUF.
 */
static void print_ringbufs(const struct run_target *t, bool per_record)
{
	bool any = false;

	for (struct bh_object_map *om = t->obj ? bh_object__next_map(t->obj, NULL) : NULL;
	     om && !any; om = bh_object__next_map(t->obj, om))
		any = is_ringbuf(om);
	if (!any)
		return;
	if (cli_json) {
		json_begin_array("ringbuf");
		for (size_t i = 0; i < ringrec.cnt; i++)
			print_ringrec(&ringrec.recs[i], per_record);
		json_end_array();
		if (ringrec.dropped)
			json_uint("ringbuf_dropped", ringrec.dropped);
		return;
	}
	if (per_record) {
		printf("ringbuf (%zu record%s, by pcap record):\n", ringrec.cnt,
		       ringrec.cnt == 1 ? "" : "s");
		for (size_t i = 0; i < ringrec.cnt; i++)
			print_ringrec(&ringrec.recs[i], true);
	} else {
		for (struct bh_object_map *om = bh_object__next_map(t->obj, NULL); om;
		     om = bh_object__next_map(t->obj, om)) {
			const char *map = bh_object_map__name(om);
			bool none = true;

			if (!is_ringbuf(om))
				continue;
			printf("ringbuf %s:\n", map);
			for (size_t i = 0; i < ringrec.cnt; i++)
				if (ringrec.recs[i].map == map) {
					print_ringrec(&ringrec.recs[i], false);
					none = false;
				}
			if (none)
				printf("  (no records)\n");
		}
	}
	if (ringrec.dropped)
		printf("  (%zu more record%s not kept)\n", ringrec.dropped,
		       ringrec.dropped == 1 ? "" : "s");
}

/*
 * Extra keys and sections after a run's results: the trace lines, the
 * records the program put in its ring buffers ("ringbuf", consumed after
 * the run), and the maps.  Add new sections here.
 */
static void print_extras(const struct prog_args *a, const struct run_target *t,
			 bool per_record)
{
	print_trace(a->trace, per_record);
	print_ringbufs(t, per_record);
	if (a->dump_maps && t->obj)
		dump_maps(t->obj);
}

static void print_hex_block(const char *what, const uint8_t *p, size_t n)
{
	printf("%s (%zu bytes):", what, n);
	for (size_t i = 0; i < n; i++)
		printf("%s%02x", i % 16 ? " " : "\n  ", p[i]);
	printf("\n");
}

static int run_once(const struct prog_args *a, struct run_target *t)
{
	void *data = NULL, *ctx = NULL, *data_out = NULL, *ctx_out = NULL;
	size_t data_sz = 0, ctx_sz = 0, show_sz;
	const void *show;
	bool syscall = bh_prog__type(t->prog) == BPF_PROG_TYPE_SYSCALL;
	int ret = 255, err;

	if ((a->data_in && !(data = cli_read_file(a->data_in, &data_sz))) ||
	    (a->ctx_in && !(ctx = cli_read_file(a->ctx_in, &ctx_sz))))
		goto out;
	data_out = data_sz ? malloc(data_sz + 4096) : NULL;
	/* SYSCALL programs write their context back over ctx_in. */
	ctx_out = ctx_sz && !syscall ? malloc(ctx_sz) : NULL;
	BH_OPTS(bh_test_run_opts, o, .data_in = data, .data_size_in = (uint32_t)data_sz,
		.data_out = data_out, .data_size_out = data_out ? (uint32_t)data_sz + 4096 : 0,
		.ctx_in = ctx, .ctx_size_in = (uint32_t)ctx_sz,
		.ctx_out = ctx_out, .ctx_size_out = ctx_out ? (uint32_t)ctx_sz : 0,
		.repeat = a->repeat);
	trace_start();
	err = bh_prog__test_run(t->prog, &o);
	/* bpf_timers the run armed fire on the library's timer thread while
	 * the process lives (the maps, and their timers, go at exit); their
	 * trace lines are collected too: the handler runs under the trace
	 * lock, which trace_stop() takes after the wait */
	if (!err && a->wait_ms) {
		struct timespec ts = { a->wait_ms / 1000, (long)(a->wait_ms % 1000) * 1000000 };

		while (nanosleep(&ts, &ts) && errno == EINTR)
			;
	}
	trace_stop();
	collect_ringbufs(t, 0);
	if (err) {
		ret = cli_error("test run failed: %s", strerror(-err));
		goto out;
	}
	/* SYSCALL: the context as the program left it in ctx_in's copy */
	show = syscall ? ctx : ctx_out;
	show_sz = syscall ? ctx_sz : ctx_out ? o.ctx_size_out : 0;
	if (cli_json) {
		json_begin_object();
		if (t->obj)
			json_string("prog", t->name);
		json_uint("retval", o.retval);
		json_hex("data_out", data_out, data_out ? o.data_size_out : 0);
		json_hex("ctx_out", show, show ? show_sz : 0);
		json_uint("duration_ns", o.duration);
		print_extras(a, t, false);
		json_end_object();
		json_newline();
	} else {
		printf("retval: %u (0x%x)\n", o.retval, o.retval);
		if (data_out && o.data_size_out)
			print_hex_block("data_out", data_out, o.data_size_out);
		if (show && show_sz)
			print_hex_block("context after the run", show, show_sz);
		/* SYSCALL programs report no duration, as in the kernel. */
		if (o.duration)
			printf("duration: %u ns per run\n", o.duration);
		print_extras(a, t, false);
	}
	ret = 0;
out:
	free(ctx);
	free(ctx_out);
	free(data);
	free(data_out);
	return ret;
}

/* Verdict names of XDP and TC programs. */
struct verdict {
	int64_t code;
	const char *name;
	bool pass; /* written by --write-pcap */
};

static const struct verdict xdp_verdicts[] = {
	{ 0, "XDP_ABORTED", false }, { 1, "XDP_DROP", false },
	{ 2, "XDP_PASS", true },     { 3, "XDP_TX", false },
	{ 4, "XDP_REDIRECT", false }, { 0, NULL, false },
};

static const struct verdict tc_verdicts[] = {
	{ -1, "TC_ACT_UNSPEC", true }, { 0, "TC_ACT_OK", true },
	{ 1, "TC_ACT_RECLASSIFY", false }, { 2, "TC_ACT_SHOT", false },
	{ 3, "TC_ACT_PIPE", false },   { 4, "TC_ACT_STOLEN", false },
	{ 5, "TC_ACT_QUEUED", false }, { 6, "TC_ACT_REPEAT", false },
	{ 7, "TC_ACT_REDIRECT", false }, { 8, "TC_ACT_TRAP", false },
	{ 0, NULL, false },
};

#define MAX_OTHER 16
#define MAX_ERRORS 10

struct pcap_stats {
	uint64_t packets, bytes, written, run_errors, total_ns;
	uint64_t count[16];             /* per entry of the verdict table */
	struct { int64_t code; uint64_t n; } other[MAX_OTHER];
	int n_other;
	uint64_t other_overflow;
	struct { uint64_t record; int err; uint32_t len; } errors[MAX_ERRORS];
};

static void count_verdict(struct pcap_stats *s, const struct verdict *v,
			  int64_t code, bool *pass)
{
	for (int i = 0; v[i].name; i++)
		if (v[i].code == code) {
			s->count[i]++;
			*pass = v[i].pass;
			return;
		}
	*pass = false;
	for (int i = 0; i < s->n_other; i++)
		if (s->other[i].code == code) {
			s->other[i].n++;
			return;
		}
	if (s->n_other < MAX_OTHER) {
		s->other[s->n_other].code = code;
		s->other[s->n_other++].n = 1;
	} else {
		s->other_overflow++;
	}
}

static void print_pcap_stats(const struct prog_args *a, const struct run_target *t,
			     const struct verdict *v, const struct pcap_stats *s)
{
	uint32_t type = bh_prog__type(t->prog);
	uint64_t per = s->packets - s->run_errors ?
		s->total_ns / (s->packets - s->run_errors) : 0;

	if (cli_json) {
		json_begin_object();
		json_string("prog", t->name[0] ? t->name : a->file);
		json_string("type", prog_type_name(type));
		json_string("pcap", a->pcap);
		json_uint("packets", s->packets);
		json_uint("bytes", s->bytes);
		json_key_object("verdicts");
		for (int i = 0; v[i].name; i++)
			json_uint(v[i].name, s->count[i]);
		for (int i = 0; i < s->n_other; i++) {
			char k[32];

			snprintf(k, sizeof(k), "retval_%" PRId64, s->other[i].code);
			json_uint(k, s->other[i].n);
		}
		json_end_object();
		json_uint("run_errors", s->run_errors);
		if (s->run_errors) {
			json_begin_array("errors");
			for (uint64_t i = 0; i < s->run_errors && i < MAX_ERRORS; i++) {
				json_begin_object();
				json_uint("record", s->errors[i].record);
				json_uint("bytes", s->errors[i].len);
				json_int("errno", s->errors[i].err);
				json_string("message", strerror(s->errors[i].err));
				json_end_object();
			}
			json_end_array();
		}
		if (a->write_pcap) {
			json_string("write_pcap", a->write_pcap);
			json_uint("written", s->written);
		}
		json_uint("duration_ns", s->total_ns);
		json_uint("ns_per_packet", per);
		print_extras(a, t, true);
		json_end_object();
		json_newline();
		return;
	}
	printf("Ran %s program '%s' over %s: %" PRIu64 " packet%s, %" PRIu64
	       " bytes, %" PRIu64 " ns per packet\n\n", prog_type_name(type),
	       t->name[0] ? t->name : a->file, a->pcap, s->packets,
	       s->packets == 1 ? "" : "s", s->bytes, per);
	printf("  %-18s %10s %8s\n", "verdict", "packets", "share");
	for (int i = 0; v[i].name; i++) {
		/* the usual verdicts always, the others when they occur */
		bool main = v == xdp_verdicts ? true :
			(v[i].code == 0 || v[i].code == 2 || v[i].code == -1);

		if (!main && !s->count[i])
			continue;
		printf("  %-18s %10" PRIu64 " %7.1f%%\n", v[i].name, s->count[i],
		       s->packets ? 100.0 * (double)s->count[i] / (double)s->packets : 0.0);
	}
	for (int i = 0; i < s->n_other; i++) {
		char k[32];

		snprintf(k, sizeof(k), "retval %" PRId64, s->other[i].code);
		printf("  %-18s %10" PRIu64 " %7.1f%%\n", k, s->other[i].n,
		       100.0 * (double)s->other[i].n / (double)s->packets);
	}
	if (s->run_errors) {
		printf("  %-18s %10" PRIu64 " %7.1f%%\n", "run failed", s->run_errors,
		       100.0 * (double)s->run_errors / (double)s->packets);
		for (uint64_t i = 0; i < s->run_errors && i < MAX_ERRORS; i++)
			printf("    record %" PRIu64 " (%u bytes): %s\n", s->errors[i].record,
			       s->errors[i].len, strerror(s->errors[i].err));
	}
	if (a->write_pcap)
		printf("\nWrote %" PRIu64 " passed packet%s to %s\n", s->written,
		       s->written == 1 ? "" : "s", a->write_pcap);
	print_extras(a, t, true);
}

static int run_pcap(const struct prog_args *a, struct run_target *t)
{
	uint32_t type = bh_prog__type(t->prog);
	const struct verdict *v;
	struct pcap_reader r;
	struct pcap_writer w = { 0 };
	struct pcap_stats s;
	struct pcap_rec rec;
	uint8_t *out = NULL;
	int ret = 255, got;

	if (type == BPF_PROG_TYPE_XDP)
		v = xdp_verdicts;
	else if (type == BPF_PROG_TYPE_SCHED_CLS)
		v = tc_verdicts;
	else
		return cli_error("--pcap runs XDP and TC (sched_cls) programs; '%s' is "
				 "a %s program", t->name[0] ? t->name : a->file,
				 prog_type_name(type));
	if (pcap_open(&r, a->pcap))
		return 255;
	memset(&s, 0, sizeof(s));
	/* room for bpf_xdp_adjust_tail / bpf_skb_change_tail growth */
	out = malloc(PCAP_MAX_CAPLEN + 4096);
	if (!out) {
		ret = cli_error("out of memory");
		goto done;
	}
	if (a->write_pcap && pcap_create(&w, a->write_pcap, r.nsec, r.linktype))
		goto done;
	trace_start();
	while ((got = pcap_next(&r, &rec)) == 1) {
		bool pass;
		int err;

		BH_OPTS(bh_test_run_opts, o, .data_in = r.buf, .data_size_in = rec.caplen,
			.data_out = out, .data_size_out = PCAP_MAX_CAPLEN + 4096);
		s.packets++;
		s.bytes += rec.caplen;
		trace.record = r.record;
		err = bh_prog__test_run(t->prog, &o);
		/* this packet's records, before the next run adds its own */
		collect_ringbufs(t, r.record);
		if (err) {
			if (s.run_errors < MAX_ERRORS) {
				s.errors[s.run_errors].record = r.record;
				s.errors[s.run_errors].err = -err;
				s.errors[s.run_errors].len = rec.caplen;
			}
			s.run_errors++;
			continue;
		}
		s.total_ns += o.duration;
		count_verdict(&s, v, v == tc_verdicts ? (int64_t)(int32_t)o.retval
						      : (int64_t)o.retval, &pass);
		if (pass && w.f) {
			struct pcap_rec wr = rec;

			wr.caplen = o.data_size_out;
			wr.origlen = o.data_size_out +
				(rec.origlen > rec.caplen ? rec.origlen - rec.caplen : 0);
			if (pcap_write(&w, &wr, out))
				break;
			s.written++;
		}
	}
	trace_stop();
	if (got < 0 || (w.f && pcap_finish(&w)))
		goto done;
	print_pcap_stats(a, t, v, &s);
	ret = 0;
done:
	if (w.f)
		pcap_finish(&w);
	pcap_close(&r);
	free(out);
	return ret;
}

static int prog_run(int argc, char **argv)
{
	struct prog_args a = { 0 };
	struct run_target t;
	char *log;
	int ret;

	if (parse_args("run", argc, argv, &a))
		return 255;
	log = calloc(1, log_size_for(a.log_level));
	if (!log)
		return cli_error("out of memory");
	ret = load_target(&a, &t, log, log_size_for(a.log_level));
	if (!ret)
		ret = ringrec_set_type(&a, &t);
	if (!ret)
		ret = a.pcap ? run_pcap(&a, &t) : run_once(&a, &t);
	ringrec_free(); /* the rings' consumers, before their maps go */
	free_target(&t);
	trace_free();
	free(log);
	return ret;
}

/* ---- prog load / show --------------------------------------------------------- */

static void print_prog_line(struct bh_prog *p, const char *section)
{
	size_t cnt;

	bh_prog__insns(p, &cnt);
	if (cli_json) {
		json_begin_object();
		json_uint("id", bh_prog__id(p));
		json_string("name", bh_prog__name(p));
		json_string("type", prog_type_name(bh_prog__type(p)));
		if (section)
			json_string("section", section);
		json_uint("insn_cnt", cnt);
		json_end_object();
		return;
	}
	printf("%u: %s  name %s", bh_prog__id(p), prog_type_name(bh_prog__type(p)),
	       bh_prog__name(p)[0] ? bh_prog__name(p) : "-");
	if (section)
		printf("  section %s", section);
	printf("  insns %zu\n", cnt);
}

static int prog_load(int argc, char **argv)
{
	struct prog_args a = { 0 };
	struct bh_program *only = NULL;
	struct bh_object *obj;
	char *log;
	int err;

	if (parse_args("load", argc, argv, &a))
		return 255;
	if (!is_elf(a.file))
		return cli_error("'%s' is not an ELF object (prog load takes clang "
				 "-target bpf output; prog run also takes assembly)",
				 a.file);
	log = calloc(1, log_size_for(a.log_level));
	if (!log)
		return cli_error("out of memory");
	obj = open_object(&a, log, log_size_for(a.log_level));
	if (!obj)
		goto fail;
	if (a.prog) {
		only = pick_program(obj, a.prog, a.file);
		if (!only)
			goto fail;
		for (struct bh_program *p = bh_object__next_program(obj, NULL); p;
		     p = bh_object__next_program(obj, p))
			bh_program__set_autoload(p, p == only);
	}
	err = bh_object__load(obj);
	if (err) {
		cli_error("loading '%s' failed (%s): %s", a.file, strerror(-err),
			  log[0] ? trim_log(log) : "no details");
		goto fail;
	}
	if (cli_json) {
		json_begin_object();
		json_string("object", bh_object__name(obj));
		json_string("license", bh_object__license(obj));
		json_begin_array("programs");
	} else {
		printf("Loaded %s (license \"%s\")\n", a.file, bh_object__license(obj));
	}
	for (struct bh_program *p = bh_object__next_program(obj, NULL); p;
	     p = bh_object__next_program(obj, p)) {
		struct bh_prog *lp = bh_program__prog(p);

		if (lp) {
			if (!cli_json)
				printf("prog ");
			print_prog_line(lp, bh_program__section_name(p));
		} else if (cli_json) {
			json_begin_object();
			json_string("name", bh_program__name(p));
			json_string("type", prog_type_name(bh_program__type(p)));
			json_string("section", bh_program__section_name(p));
			json_bool("loaded", false);
			json_end_object();
		} else {
			printf("prog -: %s  name %s  section %s  not loaded (%s)\n",
			       prog_type_name(bh_program__type(p)), bh_program__name(p),
			       bh_program__section_name(p),
			       a.prog ? "not chosen" : "SEC(\"?...\")");
		}
	}
	if (cli_json) {
		json_end_array();
		json_begin_array("maps");
	}
	for (struct bh_object_map *om = bh_object__next_map(obj, NULL); om;
	     om = bh_object__next_map(obj, om)) {
		struct bh_map *m = bh_object_map__map(om);

		if (!m)
			continue;
		if (cli_json) {
			json_begin_object();
			json_uint("id", bh_map__id(m));
			json_string("name", bh_object_map__name(om));
			json_string("type", map_type_name(bh_map__type(m)));
			json_uint("bytes_key", bh_map__key_size(m));
			json_uint("bytes_value", bh_map__value_size(m));
			json_uint("max_entries", bh_map__max_entries(m));
			json_end_object();
		} else {
			printf("map %u: %s  name %s  key %uB  value %uB  max_entries %u\n",
			       bh_map__id(m), map_type_name(bh_map__type(m)),
			       bh_object_map__name(om), bh_map__key_size(m),
			       bh_map__value_size(m), bh_map__max_entries(m));
		}
	}
	if (cli_json) {
		json_end_array();
		json_end_object();
		json_newline();
	}
	keep_object(obj);
	free(log);
	return 0;
fail:
	bh_object__close(obj);
	free(log);
	return 255;
}

static int prog_show(int argc, char **argv)
{
	uint32_t id = 0;

	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--json") && strcmp(argv[i], "-j"))
			return cli_error("unexpected argument '%s'", argv[i]);
	if (cli_json)
		json_begin_array(NULL);
	while (!bh_prog__next_id(id, &id)) {
		struct bh_prog *p = bh_prog__by_id(id);

		if (!p)
			continue;
		print_prog_line(p, NULL);
		bh_prog__free(p);
	}
	if (cli_json) {
		json_end_array();
		json_newline();
	}
	return 0;
}

/* ---- prog verify --------------------------------------------------------------- */

struct vres {
	char *name, *section, *log;
	uint32_t type;
	int err;        /* positive errno; 0 accepted */
	size_t insn_cnt;
	bool done;      /* accepted */
};

/*
 * Open @file afresh and load the programs in @set (index: section order).
 * @return 0 (and the instruction counts filled in), a positive errno with
 * the log in @log, or -1 when the object itself cannot be opened.
 */
static int verify_try(const struct prog_args *a, const bool *set, struct vres *res,
		      char *log, size_t log_sz, int *open_err)
{
	BH_OPTS(bh_object_open_opts, oo, .log_buf = log, .log_size = log_sz,
		.log_level = (uint32_t)a->log_level,
		.prog_bh_flags = load_flags(a));
	struct bh_object *obj;
	struct bh_program *p;
	int i = 0, err;

	log[0] = '\0';
	obj = bh_object__open_file(a->file, &oo);
	if (!obj) {
		*open_err = errno;
		return -1;
	}
	for (p = bh_object__next_program(obj, NULL); p;
	     p = bh_object__next_program(obj, p), i++)
		bh_program__set_autoload(p, set[i]);
	err = -bh_object__load(obj);
	i = 0;
	for (p = bh_object__next_program(obj, NULL); !err && p;
	     p = bh_object__next_program(obj, p), i++)
		if (set[i])
			bh_prog__insns(bh_program__prog(p), &res[i].insn_cnt);
	bh_object__close(obj);
	return err;
}

static void verify_entry(const struct vres *r)
{
	const char *log = r->log ? r->log : "";

	if (cli_json) {
		json_begin_object();
		json_string("prog", r->name ? r->name : "");
		if (r->section)
			json_string("section", r->section);
		json_string("type", prog_type_name(r->type));
		json_string("verdict", r->err ? "reject" : "accept");
		json_int("errno", r->err);
		if (r->err)
			json_string("error", strerror(r->err));
		else
			json_uint("insn_cnt", r->insn_cnt);
		json_string("log", log);
		json_end_object();
		return;
	}
	if (r->err)
		printf("%s: reject (%s)\n", r->name ? r->name : "(object)",
		       strerror(r->err));
	else
		printf("%s: accept (%zu instructions)\n", r->name, r->insn_cnt);
	while (*log) {
		const char *nl = strchr(log, '\n');
		int len = nl ? (int)(nl - log) : (int)strlen(log);

		printf("  %.*s\n", len, log);
		log += len + (nl ? 1 : 0);
	}
}

/*
 * Verdicts per program: all chosen programs together first (programs may
 * need each other: a program array's initial values); when that fails,
 * each one alone, then each failing one beside those accepted (and the
 * programs not chosen).  A program rejected in every attempt reports the
 * log of its attempt alone.
 */
static int prog_verify(int argc, char **argv)
{
	struct prog_args a = { 0 };
	struct bh_object *obj;
	struct vres *res = NULL;
	bool *set = NULL, *chosen = NULL;
	size_t log_sz;
	char *log = NULL;
	int n = 0, i, err, open_err = 0, ret = 255, rejected = 0;

	if (parse_args("verify", argc, argv, &a))
		return 255;
	if (!is_elf(a.file))
		return cli_error("'%s' is not an ELF object (verify takes clang "
				 "-target bpf output)", a.file);
	if (a.log_level < 0)
		a.log_level = 1;
	log_sz = log_size_for(a.log_level);
	log = calloc(1, log_sz);
	if (!log)
		return cli_error("out of memory");
	/* the programs, by opening the object once */
	{
		BH_OPTS(bh_object_open_opts, oo, .log_buf = log, .log_size = log_sz);

		obj = bh_object__open_file(a.file, &oo);
	}
	if (!obj) {
		/* malformed: the array holds one entry for the object itself */
		struct vres r = { .err = errno, .log = (char *)trim_log(log) };

		if (cli_json)
			json_begin_array(NULL);
		verify_entry(&r);
		if (cli_json) {
			json_end_array();
			json_newline();
		} else {
			fprintf(stderr, "Error: '%s' was refused before any program "
				"could be verified\n", a.file);
		}
		free(log);
		return 255;
	}
	for (struct bh_program *p = bh_object__next_program(obj, NULL); p;
	     p = bh_object__next_program(obj, p))
		n++;
	res = calloc((size_t)n + 1, sizeof(*res));
	set = calloc((size_t)n + 1, sizeof(*set));
	chosen = calloc((size_t)n + 1, sizeof(*chosen));
	if (!res || !set || !chosen) {
		cli_error("out of memory");
		goto out;
	}
	i = 0;
	for (struct bh_program *p = bh_object__next_program(obj, NULL); p;
	     p = bh_object__next_program(obj, p), i++) {
		res[i].name = strdup(bh_program__name(p));
		res[i].section = strdup(bh_program__section_name(p));
		res[i].type = bh_program__type(p);
		chosen[i] = !a.prog || !strcmp(a.prog, bh_program__name(p));
		if (!res[i].name || !res[i].section) {
			cli_error("out of memory");
			goto out;
		}
	}
	bh_object__close(obj);
	obj = NULL;
	for (i = 0; i < n && !chosen[i]; i++)
		;
	if (i == n) {
		cli_error("'%s' has no program%s%s", a.file, a.prog ? " named " : "",
			  a.prog ? a.prog : "");
		goto out;
	}

	err = verify_try(&a, chosen, res, log, log_sz, &open_err);
	for (i = 0; i < n; i++) {
		if (!chosen[i])
			continue;
		res[i].done = !err;
		if (!err)
			res[i].log = strdup(trim_log(log));
	}
	if (err) {
		/* each alone */
		for (i = 0; i < n; i++) {
			if (!chosen[i])
				continue;
			memset(set, 0, (size_t)n * sizeof(*set));
			set[i] = true;
			err = verify_try(&a, set, res, log, log_sz, &open_err);
			res[i].done = !err;
			res[i].err = err < 0 ? open_err : err;
			res[i].log = strdup(trim_log(log));
		}
		/* the failing ones beside the accepted and the unchosen ones */
		for (bool progress = true; progress;) {
			progress = false;
			for (i = 0; i < n; i++) {
				if (!chosen[i] || res[i].done)
					continue;
				for (int k = 0; k < n; k++)
					set[k] = k == i || !chosen[k] || res[k].done;
				if (verify_try(&a, set, res, log, log_sz, &open_err))
					continue;
				res[i].done = true;
				res[i].err = 0;
				free(res[i].log);
				res[i].log = strdup(trim_log(log));
				progress = true;
			}
		}
	}
	if (cli_json)
		json_begin_array(NULL);
	for (i = 0; i < n; i++) {
		if (!chosen[i])
			continue;
		if (res[i].done)
			res[i].err = 0;
		else if (!res[i].err)
			res[i].err = EINVAL;
		rejected += !res[i].done;
		verify_entry(&res[i]);
	}
	if (cli_json) {
		json_end_array();
		json_newline();
	}
	ret = rejected ? 1 : 0;
out:
	for (i = 0; res && i < n; i++) {
		free(res[i].name);
		free(res[i].section);
		free(res[i].log);
	}
	bh_object__close(obj);
	free(res);
	free(set);
	free(chosen);
	free(log);
	return ret;
}

/* ---- prog dump xlated -------------------------------------------------------- */

/*
 * A global data map holding a bpf_spin_lock is not mapped, so its value's
 * address is not bh_object_map__initial_value(): name it from the loaded
 * instruction @pc comes from, which refers to the object's map by index.
 */
static void name_unmapped_value(const struct bh_object *obj, const char *name,
				const struct bh_prog *prog, size_t pc, struct bpf_insn *in)
{
	const struct bh_program *p = bh_object__find_program_by_name(obj, name);
	const struct bpf_insn *lin;
	struct bh_object_map *om;
	long orig = bh_prog__orig_insn_idx(prog, pc);
	size_t lcnt = 0;

	lin = p ? bh_program__insns(p, &lcnt) : NULL;
	if (!lin || orig < 0 || (size_t)orig + 1 >= lcnt ||
	    lin[orig].src_reg != BPF_PSEUDO_MAP_IDX_VALUE || lin[orig].imm < 0)
		return;
	om = bh_object__next_map(obj, NULL);
	for (int32_t i = 0; om && i < lin[orig].imm; i++)
		om = bh_object__next_map(obj, om);
	if (!om || !bh_object_map__map(om))
		return;
	in[0].src_reg = BPF_PSEUDO_MAP_VALUE;
	in[0].imm = (int32_t)bh_map__id(bh_object_map__map(om));
	in[1].imm = lin[orig + 1].imm;
}

static int dump_object(const struct prog_args *a, int syntax)
{
	const struct bh_line_info *li;
	struct run_target t;
	struct bh_program *p;
	const struct bpf_insn *insns;
	struct bpf_insn *copy = NULL;
	const char *last_src = NULL;
	size_t cnt, nli, l = 0;
	char *log, text[256];
	int ret;

	log = calloc(1, log_size_for(a->log_level));
	if (!log)
		return cli_error("out of memory");
	ret = load_target(a, &t, log, log_size_for(a->log_level));
	if (ret)
		goto out;
	insns = bh_prog__insns(t.prog, &cnt);
	if (syntax == BH_DISASM_ASM || !t.obj) {
		ret = cli_print_insns(insns, cnt, syntax);
		goto out;
	}
	/*
	 * The loaded program holds map pointers in its ld_imm64s: name the
	 * maps by id, as bpftool's "map[id:3]" and "map[id:3][0]+16".
	 * bh_prog__insns() is the rewritten program (docs/verifier.md,
	 * "Rewrites"), as bpftool's xlated dump.
	 */
	copy = malloc(cnt * sizeof(*copy));
	if (!copy) {
		ret = cli_error("out of memory");
		goto out;
	}
	memcpy(copy, insns, cnt * sizeof(*copy));
	for (size_t pc = 0; pc + 1 < cnt; pc++) {
		struct bpf_insn *in = &copy[pc];
		uintptr_t ptr = (uintptr_t)((uint64_t)(uint32_t)in[1].imm << 32 |
					    (uint32_t)in[0].imm);

		if (in->code != (BPF_LD | BPF_IMM | BPF_DW) || !in->src_reg ||
		    in->src_reg == BPF_PSEUDO_FUNC || in->src_reg > BPF_PSEUDO_MAP_IDX_VALUE)
			continue;
		for (struct bh_object_map *om = bh_object__next_map(t.obj, NULL); om;
		     om = bh_object__next_map(t.obj, om)) {
			struct bh_map *m = bh_object_map__map(om);
			size_t vsz = 0;
			const uint8_t *mem = bh_object_map__initial_value(om, &vsz);

			if (m && ptr == (uintptr_t)m) {
				in[0].src_reg = BPF_PSEUDO_MAP_FD;
				in[0].imm = (int32_t)bh_map__id(m);
				in[1].imm = 0;
				break;
			}
			if (m && mem && ptr >= (uintptr_t)mem && ptr < (uintptr_t)mem + vsz) {
				in[0].src_reg = BPF_PSEUDO_MAP_VALUE;
				in[1].imm = (int32_t)(ptr - (uintptr_t)mem);
				in[0].imm = (int32_t)bh_map__id(m);
				break;
			}
		}
		if (in->src_reg == BPF_PSEUDO_MAP_IDX_VALUE)
			name_unmapped_value(t.obj, t.name, t.prog, pc, in);
		pc++;
	}
	insns = copy;
	/* kernel syntax with the source lines, as bpftool prints them */
	p = bh_object__find_program_by_name(t.obj, t.name);
	li = p ? bh_program__line_info(p, &nli) : NULL;
	if (!li)
		nli = 0;
	if (cli_json)
		json_begin_array(NULL);
	for (size_t pc = 0; pc < cnt;) {
		int n = bh_disasm__insn(insns, cnt, pc, syntax, text, sizeof(text));
		const char *src = NULL;
		char *fd = strstr(text, "map[fd:");

		if (fd)
			memcpy(fd, "map[id:", 7);
		/* line info names loaded instructions: the rewritten program
		 * shows a line before the first instruction made from one */
		long orig = bh_prog__orig_insn_idx(t.prog, pc);
		bool first = !pc || bh_prog__orig_insn_idx(t.prog, pc - 1) != orig;

		while (l < nli && (long)li[l].insn_off < orig)
			l++;
		if (first && l < nli && (long)li[l].insn_off == orig && li[l].line &&
		    li[l].line[0] && (!last_src || strcmp(last_src, li[l].line)))
			src = last_src = li[l].line;
		if (cli_json) {
			json_begin_object();
			json_uint("pc", pc);
			json_uint("code", insns[pc].code);
			json_string("text", text);
			if (src)
				json_string("src", src);
			json_end_object();
		} else {
			if (src)
				printf("; %s\n", src);
			printf("%4zu: (%02x) %s\n", pc, insns[pc].code, text);
		}
		pc += n > 0 ? (size_t)n : 1;
	}
	if (cli_json) {
		json_end_array();
		json_newline();
	}
	ret = 0;
out:
	free_target(&t);
	free(copy);
	free(log);
	return ret;
}

static int prog_dump(int argc, char **argv)
{
	struct prog_args a = { 0 };
	struct bpf_insn *insns;
	size_t cnt;
	int ret;

	if (argc && !strcmp(argv[0], "xlated")) {
		argc--;
		argv++;
	} else if (argc && !strcmp(argv[0], "jited")) {
		return cli_error("bpfhost interprets programs: there is no jited "
				 "code (use 'dump xlated')");
	}
	if (parse_args("dump", argc, argv, &a))
		return 255;
	if (is_elf(a.file))
		return dump_object(&a, a.asm_syntax ? BH_DISASM_ASM : BH_DISASM_KERNEL);
	if (a.prog)
		return cli_error("--prog picks a program of an ELF object");
	if (cli_load_insns(a.file, &insns, &cnt))
		return 255;
	ret = cli_print_insns(insns, cnt, a.asm_syntax ? BH_DISASM_ASM : BH_DISASM_KERNEL);
	free(insns);
	return ret;
}

static const struct cli_cmd prog_cmds[] = {
	{ "load", prog_load, "OBJ [--prog NAME] [--log-level N] [--unpriv] [--json]",
	  "load an ELF object's programs (all loaded by default, or only NAME) and "
	  "print their ids, types and instruction counts and the object's maps; "
	  "in a batch they stay loaded for later commands; --unpriv loads as a "
	  "loader without CAP_BPF/CAP_PERFMON (socket filters only)" },
	{ "show", prog_show, "[--json]",
	  "list the programs loaded in this process (useful inside 'bpfhost batch')" },
	{ "dump", prog_dump, "xlated FILE [--prog NAME] [--asm] [--json]",
	  "print the loaded, relocated instructions as bpftool prints xlated code "
	  "(with source lines from BTF); FILE is an ELF object, assembly or raw "
	  "instructions" },
	{ "verify", prog_verify, "OBJ [--prog NAME] [--log-level N] [--unpriv] [--json]",
	  "load OBJ's programs (all of them, or NAME) and report each one's "
	  "accept/reject with errno and log (JSON: an array of {prog, verdict, "
	  "errno, log}); exit 1 if one is rejected" },
	{ "run", prog_run,
	  "FILE [--prog NAME] [--type TYPE] [--data-in FILE] [--ctx-in FILE] "
	  "[--repeat N] [--pcap FILE [--write-pcap OUT]] [--trace] [--dump-maps] "
	  "[--ringbuf-type MAP=TYPE] [--wait-timers MS] [--no-verify] [--unchecked] "
	  "[--unpriv] [--json]",
	  "run a program as BPF_PROG_TEST_RUN does.  FILE is an ELF object (its "
	  "program NAME, default the first one loaded by default) or assembly / raw "
	  "instructions (--type syscall|xdp|tc|socket|raw_tp, default syscall, xdp "
	  "with --pcap).  --pcap runs an XDP or TC program over every packet and "
	  "counts verdicts, --write-pcap keeps the passed packets; --trace shows "
	  "bpf_trace_printk output; --dump-maps prints the object's maps after the run; "
	  "--ringbuf-type prints ring MAP's records as BTF type TYPE of the object; "
	  "--wait-timers waits MS milliseconds after the run, so that bpf_timers "
	  "it armed can fire before the results and maps are printed; "
	  "--unpriv loads as a loader without CAP_BPF/CAP_PERFMON" },
	{ NULL, NULL, NULL, NULL },
};

int cmd_prog(int argc, char **argv)
{
	return cli_dispatch("prog", prog_cmds, argc, argv);
}
