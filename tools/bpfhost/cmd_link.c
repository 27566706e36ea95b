/* SPDX-License-Identifier: MIT */
/*
 * tools/bpfhost/cmd_link.c - `bpfhost link show [id ID]` and
 * `bpfhost link detach id ID`: bpftool's link commands over the links of
 * this process (bh_link__next_id / bh_link__by_id).
 *
 * Links live in the process that hosts their hooks, so a `bpfhost` started
 * from a shell has none of its own: these commands see what the process
 * running them made (a host that embeds the CLI's code, or the in-process
 * test tests/cli/test_link_cmd.c).  docs/cli.md says so.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *prog_type_name(uint32_t type)
{
	switch (type) {
	case BPF_PROG_TYPE_XDP: return "xdp";
	case BPF_PROG_TYPE_SYSCALL: return "syscall";
	case BPF_PROG_TYPE_SOCKET_FILTER: return "socket";
	case BPF_PROG_TYPE_SCHED_CLS: return "tc";
	case BPF_PROG_TYPE_RAW_TRACEPOINT: return "raw_tp";
	case BPF_PROG_TYPE_KPROBE: return "kprobe";
	case BPF_PROG_TYPE_TRACEPOINT: return "tracepoint";
	case BPF_PROG_TYPE_PERF_EVENT: return "perf_event";
	default: return NULL;
	}
}

/* Where the link sits: its hook's chain, through bh_link__query(). */
struct link_view {
	uint32_t id, prog_id, prog_type;
	bool attached;
	uint32_t position, count;
	uint64_t revision;
};

static int link_view(struct bh_link *link, struct link_view *v)
{
	uint32_t ids[BH_MPROG_MAX], link_ids[BH_MPROG_MAX];
	BH_OPTS(bh_hook_query_opts, q, .count = BH_MPROG_MAX, .prog_ids = ids,
		.link_ids = link_ids);
	struct bh_prog *prog;

	memset(v, 0, sizeof(*v));
	v->id = bh_link__id(link);
	v->prog_id = bh_link__prog_id(link);
	prog = bh_prog__by_id(v->prog_id);
	if (prog) {
		v->prog_type = bh_prog__type(prog);
		bh_prog__free(prog);
	}
	if (bh_link__query(link, &q))
		return 0; /* defunct: detached, or its hook was freed */
	v->attached = true;
	v->count = q.count;
	v->revision = q.revision;
	for (uint32_t i = 0; i < q.count && i < BH_MPROG_MAX; i++)
		if (link_ids[i] == v->id)
			v->position = i;
	return 0;
}

static void print_view(const struct link_view *v)
{
	const char *tname = prog_type_name(v->prog_type);

	if (cli_json) {
		json_begin_object();
		json_uint("id", v->id);
		json_string("type", "tcx");
		json_uint("prog_id", v->prog_id);
		json_bool("attached", v->attached);
		if (v->attached) {
			json_key_object("hook");
			if (tname)
				json_string("prog_type", tname);
			else
				json_uint("prog_type", v->prog_type);
			json_uint("position", v->position);
			json_uint("count", v->count);
			json_uint("revision", v->revision);
			json_end_object();
		}
		json_end_object();
		return;
	}
	printf("%u: tcx  prog %u\n", v->id, v->prog_id);
	if (!v->attached) {
		printf("\tdefunct (detached)\n");
		return;
	}
	if (tname)
		printf("\thook %s", tname);
	else
		printf("\thook type %u", v->prog_type);
	printf("  position %u of %u  revision %llu\n", v->position, v->count,
	       (unsigned long long)v->revision);
}

/* "id ID" at argv[0..1]; 0 with *id set, or an error printed (255). */
static int parse_id(int argc, char **argv, const char *verb, uint32_t *id)
{
	char *end;
	unsigned long v;

	if (argc < 2 || strcmp(argv[0], "id"))
		return cli_error("link %s expects 'id ID'", verb);
	errno = 0;
	v = strtoul(argv[1], &end, 0);
	if (errno || *end || !*argv[1] || v == 0 || v > UINT32_MAX)
		return cli_error("invalid link id '%s'", argv[1]);
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--json") && strcmp(argv[i], "-j"))
			return cli_error("unexpected argument '%s'", argv[i]);
	*id = (uint32_t)v;
	return 0;
}

static int show_one(uint32_t id)
{
	struct bh_link *link = bh_link__by_id(id);
	struct link_view v;

	if (!link)
		return cli_error("no link with id %u in this process", id);
	link_view(link, &v);
	bh_link__free(link);
	print_view(&v);
	if (cli_json)
		json_newline();
	return 0;
}

static int do_show(int argc, char **argv)
{
	uint32_t id = 0;
	int ret;

	if (argc > 0 && strcmp(argv[0], "--json") && strcmp(argv[0], "-j")) {
		ret = parse_id(argc, argv, "show", &id);
		return ret ? ret : show_one(id);
	}
	if (cli_json)
		json_begin_array(NULL);
	while (!bh_link__next_id(id, &id)) {
		struct bh_link *link = bh_link__by_id(id);
		struct link_view v;

		if (!link)
			continue; /* freed since the walk saw its id */
		link_view(link, &v);
		bh_link__free(link);
		print_view(&v);
	}
	if (cli_json) {
		json_end_array();
		json_newline();
	}
	return 0;
}

static int do_detach(int argc, char **argv)
{
	struct bh_link *link;
	uint32_t id;
	int ret;

	ret = parse_id(argc, argv, "detach", &id);
	if (ret)
		return ret;
	link = bh_link__by_id(id);
	if (!link)
		return cli_error("no link with id %u in this process", id);
	ret = bh_link__detach(link);
	bh_link__free(link);
	if (ret)
		return cli_error("detaching link %u failed: %s", id,
				 strerror(-ret));
	if (cli_json)
		printf("null\n"); /* as bpftool -j for a command without output */
	return 0;
}

static const struct cli_cmd link_cmds[] = {
	{ "show", do_show, "[id ID]",
	  "list this process's links, or one (also 'list')" },
	{ "list", do_show, "[id ID]", "same as show" },
	{ "detach", do_detach, "id ID",
	  "take the link's program out of its hook; the link stays, defunct" },
	{ NULL, NULL, NULL, NULL },
};

int cmd_link(int argc, char **argv)
{
	return cli_dispatch("link", link_cmds, argc, argv);
}
