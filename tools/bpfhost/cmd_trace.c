/* SPDX-License-Identifier: MIT */
/*
 * tools/bpfhost/cmd_trace.c - `bpfhost trace`.  bpftool's `prog tracelog`
 * reads the kernel's trace_pipe; bpfhost's programs run inside the process
 * that hosts them, so their bpf_trace_printk() output exists only during a
 * run.  The CLI shows it with `bpfhost prog run ... --trace`; this command
 * explains that (and exits 0, so scripts may call it to check support).
 */
#include <string.h>

#include "cli.h"

static const char trace_help[] =
	"bpf_trace_printk() output of bpfhost programs exists only inside the\n"
	"process that runs them: there is no trace_pipe to read.  Ask for it\n"
	"with the run:\n"
	"\n"
	"  bpfhost prog run OBJ [--prog NAME] [--data-in FILE] --trace\n"
	"      prints the run's trace lines after its result;\n"
	"  bpfhost prog run OBJ --pcap FILE --trace\n"
	"      prints them with the pcap record that produced each one;\n"
	"  add --json for a \"trace\" array in the result object (strings for\n"
	"      a single run, {\"record\", \"text\"} objects for a pcap run).\n"
	"\n"
	"Without --trace the lines are counted, not shown.  Hosts embedding the\n"
	"library receive every line through bh_trace__set_handler() (the default\n"
	"handler writes them to stderr as trace_pipe would).\n";

int cmd_trace(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--json") && strcmp(argv[i], "-j") &&
		    strcmp(argv[i], "help") && strcmp(argv[i], "--help") &&
		    strcmp(argv[i], "-h"))
			return cli_error("unexpected argument '%s' (see 'bpfhost trace')",
					 argv[i]);
	if (cli_json) {
		json_begin_object();
		json_bool("in_process", true);
		json_string("usage", "bpfhost prog run FILE ... --trace [--json]");
		json_string("help", trace_help);
		json_end_object();
		json_newline();
		return 0;
	}
	fputs(trace_help, stdout);
	return 0;
}
