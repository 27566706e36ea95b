/* SPDX-License-Identifier: MIT */
/* tools/bpfhost/json.c - the small JSON writer of the CLI. */
#include "cli.h"

#define JSON_MAX_DEPTH 32

static bool need_comma[JSON_MAX_DEPTH];
static int depth;

static void sep(const char *key)
{
	if (depth > 0 && need_comma[depth - 1])
		putchar(',');
	if (depth > 0)
		need_comma[depth - 1] = true;
	if (key) {
		putchar('"');
		fputs(key, stdout);
		fputs(cli_pretty ? "\": " : "\":", stdout);
	}
}

static void open_(char c)
{
	putchar(c);
	if (depth < JSON_MAX_DEPTH)
		need_comma[depth] = false;
	depth++;
}

void json_begin_object(void) { sep(NULL); open_('{'); }
void json_key_object(const char *key) { sep(key); open_('{'); }
void json_end_object(void) { depth--; putchar('}'); }
void json_begin_array(const char *key) { sep(key); open_('['); }
void json_end_array(void) { depth--; putchar(']'); }
void json_newline(void) { putchar('\n'); }

void json_string(const char *key, const char *val)
{
	sep(key);
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)val; *p; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", stdout);
		else if (*p == '\t')
			fputs("\\t", stdout);
		else if (*p < 0x20)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

void json_uint(const char *key, uint64_t val) { sep(key); printf("%llu", (unsigned long long)val); }
void json_int(const char *key, int64_t val) { sep(key); printf("%lld", (long long)val); }
void json_bool(const char *key, bool val) { sep(key); fputs(val ? "true" : "false", stdout); }

void json_hex(const char *key, const void *data, size_t len)
{
	const uint8_t *p = data;

	sep(key);
	putchar('"');
	for (size_t i = 0; i < len; i++)
		printf("%02x", p[i]);
	putchar('"');
}
