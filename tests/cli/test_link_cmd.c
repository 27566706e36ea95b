/* SPDX-License-Identifier: MIT */
/*
 * `bpfhost link show | detach`, in process: links live in the process that
 * made them, so this test builds the CLI's link command and JSON writer
 * into itself, makes hooks and links, and runs the commands on them with
 * stdout captured.  (tests/cli/test_link.sh checks the installed command's
 * shell behaviour: help, empty list, errors.)
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../tools/bpfhost/cli.h"
#include "../../tools/bpfhost/cmd_link.c"
#include "../../tools/bpfhost/json.c"

#include "test.h"

/* The pieces of tools/bpfhost/main.c that cmd_link.c uses. */
bool cli_json;
bool cli_pretty;

int cli_error(const char *fmt, ...)
{
	va_list ap;

	printf(cli_json ? "{\"error\":\"" : "Error: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(cli_json ? "\"}\n" : "\n");
	return 255;
}

void cli_usage(FILE *out, const char *object, const struct cli_cmd *cmds)
{
	for (const struct cli_cmd *c = cmds; c->name; c++)
		fprintf(out, "  bpfhost %s %s %s\n", object, c->name, c->usage);
}

int cli_dispatch(const char *object, const struct cli_cmd *cmds, int argc,
		 char **argv)
{
	if (argc < 1 || !strcmp(argv[0], "help")) {
		cli_usage(stdout, object, cmds);
		return argc < 1 ? 255 : 0;
	}
	for (const struct cli_cmd *c = cmds; c->name; c++)
		if (!strncmp(argv[0], c->name, strlen(argv[0])))
			return c->fn(argc - 1, argv + 1);
	return cli_error("unknown verb '%s'", argv[0]);
}

/* Run `bpfhost [--json] link ARGS...` and capture what it prints. */
static char out[8192];

static int run(bool json, ...)
{
	char *argv[8];
	int argc = 0, ret, saved;
	FILE *tmp = tmpfile();
	va_list ap;
	size_t n;

	va_start(ap, json);
	while (argc < 7 && (argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	cli_json = json;
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	dup2(fileno(tmp), STDOUT_FILENO);
	ret = cmd_link(argc, argv);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	rewind(tmp);
	n = fread(out, 1, sizeof(out) - 1, tmp);
	out[n] = '\0';
	fclose(tmp);
	cli_json = false;
	return ret;
}

static struct bh_prog *prog_ret(int32_t k)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = k },
		{ .code = BPF_JMP | BPF_EXIT },
	};

	return bh_prog__load(BPF_PROG_TYPE_XDP, insns, 2, NULL);
}

static void test_link_cmd__empty(void)
{
	CHECK_EQ("lc-empty-show", run(false, "show", NULL), 0);
	CHECK("lc-empty-text", out[0] == '\0');
	CHECK_EQ("lc-empty-json", run(true, "show", NULL), 0);
	CHECK("lc-empty-json-array", !strcmp(out, "[]\n"));
	CHECK_EQ("lc-empty-id", run(false, "show", "id", "7", NULL), 255);
	CHECK("lc-empty-id-msg", strstr(out, "no link with id 7"));
	CHECK_EQ("lc-bad-id", run(false, "show", "id", "x", NULL), 255);
	CHECK_EQ("lc-no-id", run(false, "detach", NULL), 255);
	CHECK_EQ("lc-help", run(false, "help", NULL), 0);
	CHECK("lc-help-text", strstr(out, "link detach id ID"));
}

static void test_link_cmd__show_detach(void)
{
	struct bh_hook *h = bh_hook__new(BPF_PROG_TYPE_XDP, NULL);
	struct bh_prog *a = prog_ret(1), *b = prog_ret(2);
	struct bh_link *la, *lb;
	char ida[16], idb[16], want[256];

	REQUIRE("lc-setup", h && a && b);
	la = bh_link__attach(h, a, NULL);
	lb = bh_link__attach(h, b, NULL);
	REQUIRE("lc-links", la && lb);
	snprintf(ida, sizeof(ida), "%u", bh_link__id(la));
	snprintf(idb, sizeof(idb), "%u", bh_link__id(lb));

	CHECK_EQ("lc-show", run(false, "show", NULL), 0);
	snprintf(want, sizeof(want),
		 "%s: tcx  prog %u\n\thook xdp  position 0 of 2  revision 3\n"
		 "%s: tcx  prog %u\n\thook xdp  position 1 of 2  revision 3\n",
		 ida, bh_prog__id(a), idb, bh_prog__id(b));
	CHECK("lc-show-text", !strcmp(out, want));
	if (strcmp(out, want))
		printf("  got:\n%s  want:\n%s", out, want);

	CHECK_EQ("lc-show-id-json", run(true, "show", "id", idb, NULL), 0);
	snprintf(want, sizeof(want),
		 "{\"id\":%s,\"type\":\"tcx\",\"prog_id\":%u,\"attached\":true,"
		 "\"hook\":{\"prog_type\":\"xdp\",\"position\":1,\"count\":2,"
		 "\"revision\":3}}\n", idb, bh_prog__id(b));
	CHECK("lc-show-id-json-text", !strcmp(out, want));
	if (strcmp(out, want))
		printf("  got:  %s  want: %s", out, want);

	CHECK_EQ("lc-detach", run(false, "detach", "id", ida, NULL), 0);
	CHECK("lc-detach-silent", out[0] == '\0');
	CHECK("lc-detached", !bh_link__attached(la));
	CHECK_EQ("lc-detach-again", run(true, "detach", "id", ida, NULL), 0);
	CHECK("lc-detach-json-null", !strcmp(out, "null\n"));

	CHECK_EQ("lc-show-json", run(true, "show", NULL), 0);
	snprintf(want, sizeof(want),
		 "[{\"id\":%s,\"type\":\"tcx\",\"prog_id\":%u,\"attached\":false},"
		 "{\"id\":%s,\"type\":\"tcx\",\"prog_id\":%u,\"attached\":true,"
		 "\"hook\":{\"prog_type\":\"xdp\",\"position\":0,\"count\":1,"
		 "\"revision\":4}}]\n",
		 ida, bh_prog__id(a), idb, bh_prog__id(b));
	CHECK("lc-show-json-text", !strcmp(out, want));
	if (strcmp(out, want))
		printf("  got:  %s  want: %s", out, want);
	CHECK_EQ("lc-show-defunct", run(false, "show", "id", ida, NULL), 0);
	CHECK("lc-show-defunct-text", strstr(out, "defunct"));

	/* a freed link is gone from the list */
	bh_link__free(la);
	CHECK_EQ("lc-show-freed", run(false, "show", "id", ida, NULL), 255);
	bh_link__free(lb);
	CHECK_EQ("lc-show-none-left", run(true, "show", NULL), 0);
	CHECK("lc-show-none-left-json", !strcmp(out, "[]\n"));
	bh_hook__free(h);
	bh_prog__free(a);
	bh_prog__free(b);
}

static const struct bh_test_case tests[] = {
	BH_TEST(test_link_cmd__empty),
	BH_TEST(test_link_cmd__show_detach),
};

BH_TEST_MAIN(tests)
