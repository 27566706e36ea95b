/* SPDX-License-Identifier: MIT */
/*
 * core/log.c - the log buffer of loads (and later of the verifier).
 *
 * As in the kernel, a log that does not fit the caller's buffer is cut, the
 * buffer stays NUL-terminated, and the load reports -ENOSPC whether or not
 * it otherwise succeeded; `total` says how large a buffer would have been
 * enough.
 */
#include <stdio.h>

#include "core/internal.h"

void bh_log_init(struct bh_log *log, char *buf, size_t size, uint32_t level)
{
	log->buf = size ? buf : NULL;
	log->size = buf ? size : 0;
	log->len = 0;
	log->total = 0;
	log->level = level;
	if (log->buf)
		log->buf[0] = '\0';
}

void bh_log(struct bh_log *log, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!log->buf)
		return;
	va_start(ap, fmt);
	if (log->len + 1 < log->size) {
		n = vsnprintf(log->buf + log->len, log->size - log->len, fmt, ap);
	} else {
		char dummy;

		n = vsnprintf(&dummy, 1, fmt, ap);
	}
	va_end(ap);
	if (n < 0)
		return;
	log->total += (size_t)n;
	log->len = BH_MIN(log->total, log->size - 1);
}

int bh_log_finish(struct bh_log *log)
{
	if (log->buf && log->total >= log->size)
		return -ENOSPC;
	return 0;
}
