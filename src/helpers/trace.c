/* SPDX-License-Identifier: MIT */
/*
 * helpers/trace.c - bpf_trace_printk and the printf-like formatting it
 * shares with bpf_snprintf.
 *
 * As in the kernel, only a fixed set of conversions is accepted and a bad
 * format fails the call with -EINVAL instead of printing garbage.  %s reads
 * a string only from memory the run may access (stack, context, data);
 * anything else prints "(fault)" rather than reading wild memory.
 */
#include <inttypes.h>
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "exec/internal.h"
#include "helpers/internal.h"

#define BH_TRACE_LINE_MAX 1024 /* the kernel's bpf_trace_printk buffer */

static void trace_default(void *ctx, unsigned int cpu, const char *line,
			  size_t len)
{
	fprintf(stderr, "%6d [%03u] bpf_trace_printk: %.*s", (int)getpid(),
		cpu, (int)len, line);
	if (!len || line[len - 1] != '\n')
		fputc('\n', stderr);
}

/* Guards handler and handler_ctx as a pair; rank 80. */
static pthread_rwlock_t trace_lock = PTHREAD_RWLOCK_INITIALIZER;
static bh_trace_fn handler = trace_default;
static void *handler_ctx;

BH_API void bh_trace__set_handler(bh_trace_fn fn, void *ctx)
{
	pthread_rwlock_wrlock(&trace_lock);
	handler = fn ? fn : trace_default;
	handler_ctx = fn ? ctx : NULL;
	pthread_rwlock_unlock(&trace_lock);
}

void helper_trace_emit(const char *line, size_t len)
{
	pthread_rwlock_rdlock(&trace_lock);
	handler(handler_ctx, bh_cpu_current(), line, len);
	pthread_rwlock_unlock(&trace_lock);
}

/* Copy a NUL-terminated string the program pointed at, if it may. */
static void copy_str(char *dst, size_t dst_sz, uint64_t ptr)
{
	const struct bh_exec_env *env = bh_exec_current;
	const char *s = (const char *)(uintptr_t)ptr;
	size_t i;

	for (i = 0; i + 1 < dst_sz; i++) {
		if (!env || !exec_access_ok(env, s + i, 1, false)) {
			snprintf(dst, dst_sz, "(fault)");
			return;
		}
		if (!s[i])
			break;
		dst[i] = s[i];
	}
	dst[i] = '\0';
}

/* Format one conversion at fmt[*i] ('%' already consumed). */
static int format_one(char *out, size_t out_sz, const char *fmt,
		      size_t fmt_len, size_t *i, uint64_t arg)
{
	char spec[32], flags[16], str[256];
	size_t nflags = 0;
	int longs = 0;
	char c;

	/* Flags and a width, as the kernel allows: [0 +-]*[1-9][0-9]* */
	while (*i < fmt_len && strchr("0 +-", fmt[*i]) && nflags < 4)
		flags[nflags++] = fmt[(*i)++];
	if (*i < fmt_len && fmt[*i] >= '1' && fmt[*i] <= '9')
		while (*i < fmt_len && fmt[*i] >= '0' && fmt[*i] <= '9' &&
		       nflags + 1 < sizeof(flags))
			flags[nflags++] = fmt[(*i)++];
	if (*i < fmt_len && fmt[*i] >= '0' && fmt[*i] <= '9')
		return -EINVAL; /* a width too wide for any trace line */
	flags[nflags] = '\0';
	while (*i < fmt_len && fmt[*i] == 'l' && longs < 2) {
		longs++;
		(*i)++;
	}
	if (*i >= fmt_len)
		return -EINVAL;
	c = fmt[(*i)++];
	switch (c) {
	case 'd': case 'i':
		snprintf(spec, sizeof(spec), "%%%s%sd", flags, longs ? "ll" : "");
		if (longs)
			return snprintf(out, out_sz, spec, (long long)arg);
		return snprintf(out, out_sz, spec, (int32_t)arg);
	case 'u': case 'x': case 'X':
		snprintf(spec, sizeof(spec), "%%%s%s%c", flags, longs ? "ll" : "", c);
		if (longs)
			return snprintf(out, out_sz, spec, (unsigned long long)arg);
		return snprintf(out, out_sz, spec, (uint32_t)arg);
	case 'p':
		/* %pK / %px / %ps...: the kernel takes one more letter. */
		if (*i < fmt_len && (fmt[*i] == 'K' || fmt[*i] == 'x'))
			(*i)++;
		return snprintf(out, out_sz, "0x%016" PRIx64, arg);
	case 'c':
		snprintf(spec, sizeof(spec), "%%%sc", flags);
		return snprintf(out, out_sz, spec, (char)arg);
	case 's':
		if (longs)
			return -EINVAL;
		copy_str(str, sizeof(str), arg);
		snprintf(spec, sizeof(spec), "%%%ss", flags);
		return snprintf(out, out_sz, spec, str);
	default:
		return -EINVAL;
	}
}

int helper_format(char *out, size_t out_sz, const char *fmt, size_t fmt_sz,
		  const uint64_t *args, unsigned int arg_cnt)
{
	size_t len = 0, fmt_len, i = 0;
	unsigned int used = 0;

	/* The format must be NUL-terminated inside its size (kernel rule). */
	if (!fmt_sz || fmt[fmt_sz - 1] != '\0')
		return -EINVAL;
	fmt_len = strlen(fmt);
	while (i < fmt_len) {
		int n;

		if (fmt[i] != '%' || (i + 1 < fmt_len && fmt[i + 1] == '%')) {
			if (len + 1 < out_sz)
				out[len] = fmt[i];
			len++;
			i += fmt[i] == '%' ? 2 : 1;
			continue;
		}
		i++;
		if (used >= arg_cnt)
			return -EINVAL;
		n = format_one(len < out_sz ? out + len : NULL,
			       len < out_sz ? out_sz - len : 0, fmt, fmt_len,
			       &i, args[used++]);
		if (n < 0)
			return n;
		len += (size_t)n;
	}
	if (out_sz)
		out[BH_MIN(len, out_sz - 1)] = '\0';
	return (int)BH_MIN(len, (size_t)INT32_MAX);
}

/*
 * The kernel's bpf_bprintf_prepare() without arguments: the pass that
 * bpf_snprintf's verifier check makes over a constant format.  Every byte
 * printable ASCII or space; each conversion one of %[0 +-][width] then
 * d i u x X with up to two 'l', c, s (followed by the end, a space or a
 * punctuation mark), pks pus, p alone or pK px ps pS pB, pi4 pI4 pi6 pI6;
 * at most @num_args of them ("%%" is none).  Fewer is fine, as in the
 * kernel.  @fmt is NUL-terminated.
 */
int helper_bprintf_check(const char *fmt, uint32_t num_args)
{
	const unsigned char *f = (const unsigned char *)fmt;
	size_t len = strlen(fmt);
	uint32_t num_spec = 0;

	for (size_t i = 0; i < len; i++) {
		if (f[i] >= 0x80 || (!isprint(f[i]) && !isspace(f[i])))
			return -EINVAL;
		if (f[i] != '%')
			continue;
		if (f[i + 1] == '%') {
			i++;
			continue;
		}
		if (num_spec >= num_args)
			return -EINVAL;
		i++;
		while (f[i] == '0' || f[i] == '+' || f[i] == '-' || f[i] == ' ')
			i++;
		if (f[i] >= '1' && f[i] <= '9')
			while (f[i] >= '0' && f[i] <= '9')
				i++;
		num_spec++;
		if (f[i] == 'p') {
			if ((f[i + 1] == 'k' || f[i + 1] == 'u') && f[i + 2] == 's') {
				i += 2;
				if (f[i + 1] && !isspace(f[i + 1]) && !ispunct(f[i + 1]))
					return -EINVAL;
			} else if (!f[i + 1] || isspace(f[i + 1]) || ispunct(f[i + 1]) ||
				   strchr("KxsSB", f[i + 1])) {
				i++; /* the letter after 'p' (or the end) goes unchecked */
			} else if ((f[i + 1] == 'i' || f[i + 1] == 'I') &&
				   (f[i + 2] == '4' || f[i + 2] == '6')) {
				i += 2;
			} else {
				return -EINVAL;
			}
			continue;
		}
		if (f[i] == 's') {
			if (f[i + 1] && !isspace(f[i + 1]) && !ispunct(f[i + 1]))
				return -EINVAL;
			continue;
		}
		if (f[i] == 'c')
			continue;
		if (f[i] == 'l')
			i++;
		if (f[i] == 'l')
			i++;
		if (!f[i] || !strchr("iduxX", f[i]))
			return -EINVAL;
	}
	return 0;
}

/* long bpf_trace_printk(const char *fmt, u32 fmt_size, ...): up to 3 args. */
static uint64_t trace_printk(uint64_t fmt, uint64_t fmt_size, uint64_t a1,
			     uint64_t a2, uint64_t a3)
{
	const uint64_t args[3] = { a1, a2, a3 };
	char line[BH_TRACE_LINE_MAX];
	int n;

	if (!helper_mem_ok((const void *)(uintptr_t)fmt, fmt_size, false))
		return (uint64_t)-EFAULT;
	n = helper_format(line, sizeof(line), (const char *)(uintptr_t)fmt,
			  (size_t)(uint32_t)fmt_size, args, 3);
	if (n < 0)
		return (uint64_t)(int64_t)n;
	helper_trace_emit(line, BH_MIN((size_t)n, sizeof(line) - 1));
	return (uint64_t)n;
}

const struct bh_helper_proto helper_trace_printk_proto = {
	.name = "trace_printk",
	.fn = trace_printk,
	.gpl_only = true,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_MEM, BH_ARG_CONST_SIZE },
};
