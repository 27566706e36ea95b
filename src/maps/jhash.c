/* SPDX-License-Identifier: MIT */
/*
 * maps/jhash.c - Bob Jenkins' lookup3 hash (public domain) as the kernel's
 * <linux/jhash.h> uses it, so hash tables and bloom filters created with
 * BPF_F_ZERO_SEED place elements exactly where the kernel's do (same
 * buckets, same iteration order, same false positives).
 */
#include <string.h>

#include "maps/internal.h"

#define JHASH_INITVAL 0xdeadbeefU

static inline uint32_t rol32(uint32_t w, unsigned int s)
{
	return (w << s) | (w >> (32 - s));
}

#define JHASH_MIX(a, b, c)                                    \
	do {                                                  \
		a -= c; a ^= rol32(c, 4);  c += b;            \
		b -= a; b ^= rol32(a, 6);  a += c;            \
		c -= b; c ^= rol32(b, 8);  b += a;            \
		a -= c; a ^= rol32(c, 16); c += b;            \
		b -= a; b ^= rol32(a, 19); a += c;            \
		c -= b; c ^= rol32(b, 4);  b += a;            \
	} while (0)

#define JHASH_FINAL(a, b, c)                                  \
	do {                                                  \
		c ^= b; c -= rol32(b, 14);                    \
		a ^= c; a -= rol32(c, 11);                    \
		b ^= a; b -= rol32(a, 25);                    \
		c ^= b; c -= rol32(b, 16);                    \
		a ^= c; a -= rol32(c, 4);                     \
		b ^= a; b -= rol32(a, 14);                    \
		c ^= b; c -= rol32(b, 24);                    \
	} while (0)

static inline uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

uint32_t map_jhash(const void *key, uint32_t length, uint32_t initval)
{
	const uint8_t *k = key;
	uint32_t a, b, c;

	a = b = c = JHASH_INITVAL + length + initval;
	while (length > 12) {
		a += get32(k);
		b += get32(k + 4);
		c += get32(k + 8);
		JHASH_MIX(a, b, c);
		length -= 12;
		k += 12;
	}
	/* The tail: bytes k[0..length) added little-endian into a, b, c. */
	switch (length) {
	case 12: c += (uint32_t)k[11] << 24; /* fall through */
	case 11: c += (uint32_t)k[10] << 16; /* fall through */
	case 10: c += (uint32_t)k[9] << 8;   /* fall through */
	case 9:  c += k[8];                  /* fall through */
	case 8:  b += (uint32_t)k[7] << 24;  /* fall through */
	case 7:  b += (uint32_t)k[6] << 16;  /* fall through */
	case 6:  b += (uint32_t)k[5] << 8;   /* fall through */
	case 5:  b += k[4];                  /* fall through */
	case 4:  a += (uint32_t)k[3] << 24;  /* fall through */
	case 3:  a += (uint32_t)k[2] << 16;  /* fall through */
	case 2:  a += (uint32_t)k[1] << 8;   /* fall through */
	case 1:  a += k[0];
		JHASH_FINAL(a, b, c);
		break;
	default: /* 0: nothing left */
		break;
	}
	return c;
}

uint32_t map_jhash2(const void *key, uint32_t length, uint32_t initval)
{
	const uint8_t *k = key; /* u32 words, possibly unaligned */
	uint32_t a, b, c;

	a = b = c = JHASH_INITVAL + (length << 2) + initval;
	while (length > 3) {
		a += get32(k);
		b += get32(k + 4);
		c += get32(k + 8);
		JHASH_MIX(a, b, c);
		length -= 3;
		k += 12;
	}
	switch (length) {
	case 3: c += get32(k + 8); /* fall through */
	case 2: b += get32(k + 4); /* fall through */
	case 1: a += get32(k);
		JHASH_FINAL(a, b, c);
		break;
	default:
		break;
	}
	return c;
}
