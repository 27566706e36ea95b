/* SPDX-License-Identifier: MIT */
/*
 * helpers/string_helpers.c - bpf_strncmp, bpf_snprintf, bpf_strtol and
 * bpf_strtoul (kernel/bpf/helpers.c).  bpf_snprintf formats with
 * helper_format(), the formatter bpf_trace_printk uses, so both accept the
 * same conversions.
 */
#include <ctype.h>
#include <string.h>

#include "helpers/internal.h"

#define MAX_BPRINTF_VARARGS 12

/* Length of the NUL-terminated string at @s if a checked run may read it
 * all; -1 otherwise. */
static long readable_strlen(const char *s, size_t max)
{
	for (size_t i = 0; i < max; i++) {
		if (!helper_mem_ok(s + i, 1, false))
			return -1;
		if (!s[i])
			return (long)i;
	}
	return -1;
}

/* long bpf_strncmp(const char *s1, u32 s1_sz, const char *s2): the
 * kernel's strncmp, which answers -1, 0 or 1. */
static uint64_t strncmp_helper(uint64_t s1, uint64_t s1_sz, uint64_t s2,
			       uint64_t r4, uint64_t r5)
{
	const unsigned char *a = (const unsigned char *)(uintptr_t)s1;
	const unsigned char *b = (const unsigned char *)(uintptr_t)s2;
	uint32_t n = (uint32_t)s1_sz;

	if (!helper_mem_ok(a, n, false) || readable_strlen((const char *)b, SIZE_MAX) < 0)
		return (uint64_t)-EFAULT;
	for (uint32_t i = 0; i < n; i++) {
		if (a[i] != b[i])
			return a[i] < b[i] ? (uint64_t)-1 : 1;
		if (!a[i])
			break;
	}
	return 0;
}

const struct bh_helper_proto helper_strncmp_proto = {
	.name = "strncmp",
	.fn = strncmp_helper,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_MEM, BH_ARG_CONST_SIZE,
		      BH_ARG_PTR_TO_CONST_STR },
};

/* long bpf_snprintf(char *str, u32 str_size, const char *fmt, u64 *data,
 * u32 data_len): bytes needed including the NUL, or -EINVAL. */
static uint64_t snprintf_helper(uint64_t str, uint64_t str_size, uint64_t fmt,
				uint64_t data, uint64_t data_len)
{
	char *out = (char *)(uintptr_t)str;
	const char *f = (const char *)(uintptr_t)fmt;
	const uint64_t *args = (const uint64_t *)(uintptr_t)data;
	uint32_t size = (uint32_t)str_size, len = (uint32_t)data_len;
	long flen;
	int n;

	if (len % 8 || len > MAX_BPRINTF_VARARGS * 8 || (len && !args))
		return (uint64_t)-EINVAL;
	flen = readable_strlen(f, SIZE_MAX);
	if (flen < 0 || (size && !helper_mem_ok(out, size, true)) ||
	    (len && !helper_mem_ok(args, len, false)))
		return (uint64_t)-EFAULT;
	n = helper_format(size ? out : NULL, size, f, (size_t)flen + 1, args,
			  len / 8);
	if (n < 0)
		return (uint64_t)(int64_t)n;
	return (uint64_t)n + 1;
}

const struct bh_helper_proto helper_snprintf_proto = {
	.name = "snprintf",
	.fn = snprintf_helper,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_MEM_OR_NULL, BH_ARG_CONST_SIZE_OR_ZERO,
		      BH_ARG_PTR_TO_CONST_STR, BH_ARG_PTR_TO_MEM_OR_NULL,
		      BH_ARG_CONST_SIZE_OR_ZERO },
};

/* ---- bpf_strtol / bpf_strtoul ------------------------------------------------ */

#define STRTOX_BASE_MASK 0x1f
#define STRTOX_OVERFLOW (1u << 31)

/* The kernel's _parse_integer_fixup_radix(): base 0 guesses from "0x"/"0". */
static const char *fixup_radix(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0') {
			if (tolower((unsigned char)s[1]) == 'x' &&
			    isxdigit((unsigned char)s[2]))
				*base = 16;
			else
				*base = 8;
		} else {
			*base = 10;
		}
	}
	if (*base == 16 && s[0] == '0' && tolower((unsigned char)s[1]) == 'x')
		s += 2;
	return s;
}

/* _parse_integer(): digits consumed, STRTOX_OVERFLOW set on overflow. */
static unsigned int parse_integer(const char *s, unsigned int base,
				  unsigned long long *res)
{
	unsigned long long r = 0;
	unsigned int n = 0;

	for (;; s++, n++) {
		unsigned int c = (unsigned char)*s, v;

		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (tolower((int)c) >= 'a' && tolower((int)c) <= 'f')
			v = (unsigned int)(tolower((int)c) - 'a' + 10);
		else
			break;
		if (v >= base)
			break;
		if ((r & (~0ull << 60)) && r > (~0ull - v) / base)
			n |= STRTOX_OVERFLOW;
		r = r * base + v;
	}
	*res = r;
	return n;
}

/* __bpf_strtoull(): characters consumed, or -EINVAL / -ERANGE. */
static long strtoull_bh(const char *buf, size_t buf_len, uint64_t flags,
			unsigned long long *res, bool *neg)
{
	unsigned int base = flags & STRTOX_BASE_MASK, n;
	const char *cur = buf, *p;
	size_t consumed, len;
	char str[64];

	if (!buf || !buf_len)
		return -EINVAL;
	if ((base != 0 && base != 8 && base != 10 && base != 16) ||
	    (flags & ~(uint64_t)STRTOX_BASE_MASK))
		return -EINVAL;
	while (cur < buf + buf_len && isspace((unsigned char)*cur))
		cur++;
	*neg = cur < buf + buf_len && *cur == '-';
	if (*neg)
		cur++;
	consumed = (size_t)(cur - buf);
	len = buf_len - consumed;
	if (!len)
		return -EINVAL;
	len = BH_MIN(len, sizeof(str) - 1);
	memcpy(str, cur, len);
	str[len] = '\0';
	p = fixup_radix(str, &base);
	n = parse_integer(p, base, res);
	if (n & STRTOX_OVERFLOW)
		return -ERANGE;
	if (!n)
		return -EINVAL;
	return (long)(consumed + (size_t)(p + n - str));
}

/* long bpf_strtol(const char *buf, size_t buf_len, u64 flags, long *res) */
static uint64_t strtol_helper(uint64_t buf, uint64_t buf_len, uint64_t flags,
			      uint64_t res, uint64_t r5)
{
	const char *b = (const char *)(uintptr_t)buf;
	int64_t *out = (int64_t *)(uintptr_t)res;
	unsigned long long v;
	bool neg;
	long n;

	if (!helper_mem_ok(out, sizeof(*out), true) ||
	    (buf_len && !helper_mem_ok(b, buf_len, false)))
		return (uint64_t)-EFAULT;
	*out = 0;
	n = strtoull_bh(b, (size_t)buf_len, flags, &v, &neg);
	if (n < 0)
		return (uint64_t)(int64_t)n;
	if (neg ? (int64_t)-v > 0 : (int64_t)v < 0)
		return (uint64_t)-ERANGE;
	*out = neg ? (int64_t)-v : (int64_t)v;
	return (uint64_t)n;
}

const struct bh_helper_proto helper_strtol_proto = {
	.name = "strtol",
	.fn = strtol_helper,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_MEM, BH_ARG_CONST_SIZE, BH_ARG_ANYTHING,
		      BH_ARG_PTR_TO_LONG },
};

/* long bpf_strtoul(const char *buf, size_t buf_len, u64 flags, unsigned long *res) */
static uint64_t strtoul_helper(uint64_t buf, uint64_t buf_len, uint64_t flags,
			       uint64_t res, uint64_t r5)
{
	const char *b = (const char *)(uintptr_t)buf;
	uint64_t *out = (uint64_t *)(uintptr_t)res;
	unsigned long long v;
	bool neg;
	long n;

	if (!helper_mem_ok(out, sizeof(*out), true) ||
	    (buf_len && !helper_mem_ok(b, buf_len, false)))
		return (uint64_t)-EFAULT;
	*out = 0;
	n = strtoull_bh(b, (size_t)buf_len, flags, &v, &neg);
	if (n < 0)
		return (uint64_t)(int64_t)n;
	if (neg)
		return (uint64_t)-EINVAL;
	*out = v;
	return (uint64_t)n;
}

const struct bh_helper_proto helper_strtoul_proto = {
	.name = "strtoul",
	.fn = strtoul_helper,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_MEM, BH_ARG_CONST_SIZE, BH_ARG_ANYTHING,
		      BH_ARG_PTR_TO_LONG },
};
