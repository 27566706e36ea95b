/* SPDX-License-Identifier: MIT */
/*
 * btf/ext.c - the .BTF.ext section: function info, line info and CO-RE
 * relocation records, per ELF section.
 *
 *   header { magic, version, flags, hdr_len,
 *            func_info_off, func_info_len, line_info_off, line_info_len,
 *            [core_relo_off, core_relo_len] }      offsets after hdr_len
 *   table  { u32 rec_size;
 *            { u32 sec_name_off; u32 num_info; u8 recs[num_info][rec_size] }... }
 *
 * Records may be larger than the layouts we know (newer compilers); the
 * known prefix is copied out, so the loader works on aligned, fixed-size
 * records whose string offsets and type ids were checked here.
 */
#include <stdlib.h>
#include <string.h>

#include "btf/internal.h"

struct btf_ext_hdr {
	uint16_t magic;
	uint8_t version;
	uint8_t flags;
	uint32_t hdr_len;
	uint32_t func_info_off;
	uint32_t func_info_len;
	uint32_t line_info_off;
	uint32_t line_info_len;
	uint32_t core_relo_off; /* present when hdr_len >= 32 */
	uint32_t core_relo_len;
};

#define EXT_HDR_MIN offsetof(struct btf_ext_hdr, core_relo_off)

enum ext_table { EXT_FUNC, EXT_LINE, EXT_CORE };

static const char *const table_names[] = { "func_info", "line_info", "core_relo" };
static const uint32_t min_rec[] = {
	sizeof(struct btf_ext_func_info),
	sizeof(struct btf_ext_line_info),
	sizeof(struct btf_ext_core_relo),
};

/* String offsets and type ids inside one record. */
static int check_rec(const struct bh_btf *btf, enum ext_table which,
		     const void *rec, struct bh_log *log)
{
	switch (which) {
	case EXT_FUNC: {
		const struct btf_ext_func_info *f = rec;

		if (f->type_id >= btf->nr_types ||
		    btf_kind(btf_type(btf, f->type_id)) != BTF_KIND_FUNC)
			goto bad_type;
		return 0;
	}
	case EXT_LINE: {
		const struct btf_ext_line_info *l = rec;

		if (l->file_name_off >= btf->str_len || l->line_off >= btf->str_len) {
			bh_log(log, "BTF.ext: line_info string offset out of bounds\n");
			return -EINVAL;
		}
		return 0;
	}
	default: {
		const struct btf_ext_core_relo *c = rec;

		if (c->access_str_off >= btf->str_len ||
		    !btf_str(btf, c->access_str_off)[0]) {
			bh_log(log, "BTF.ext: core_relo access string offset %u invalid\n",
			       c->access_str_off);
			return -EINVAL;
		}
		if (c->type_id >= btf->nr_types || c->kind > BH_CORE_TYPE_MATCHES) {
			bh_log(log, "BTF.ext: core_relo of type [%u], kind %u invalid\n",
			       c->type_id, c->kind);
			return -EINVAL;
		}
		return 0;
	}
	}
bad_type:
	bh_log(log, "BTF.ext: func_info type id %u is not a FUNC\n",
	       ((const struct btf_ext_func_info *)rec)->type_id);
	return -EINVAL;
}

static int parse_table(const struct bh_btf *btf, enum ext_table which,
		       const uint8_t *p, uint32_t len, struct btf_ext_table *out,
		       struct bh_log *log)
{
	const uint8_t *end = p + len;
	uint32_t rec_size, min = min_rec[which];

	if (!len)
		return 0;
	if (len < 4)
		goto truncated;
	memcpy(&rec_size, p, 4);
	p += 4;
	if (rec_size < min || rec_size % 4 || rec_size > 1024) {
		bh_log(log, "BTF.ext: %s record size %u invalid\n",
		       table_names[which], rec_size);
		return -EINVAL;
	}
	while (p < end) {
		uint32_t hdr[2];
		struct btf_ext_sec *sec, *secs;

		if ((size_t)(end - p) < sizeof(hdr))
			goto truncated;
		memcpy(hdr, p, sizeof(hdr));
		p += sizeof(hdr);
		if (hdr[0] >= btf->str_len || !btf_str(btf, hdr[0])[0]) {
			bh_log(log, "BTF.ext: %s section name offset %u invalid\n",
			       table_names[which], hdr[0]);
			return -EINVAL;
		}
		if (!hdr[1] || (size_t)(end - p) / rec_size < hdr[1]) {
			bh_log(log, "BTF.ext: %s of section '%s': %u records %s\n",
			       table_names[which], btf_str(btf, hdr[0]), hdr[1],
			       hdr[1] ? "run past the table" : "is not allowed");
			return -EINVAL;
		}
		secs = realloc(out->secs, (out->sec_cnt + 1) * sizeof(*secs));
		if (!secs)
			return -ENOMEM;
		out->secs = secs;
		sec = &secs[out->sec_cnt];
		sec->sec_name = btf_str(btf, hdr[0]);
		sec->cnt = hdr[1];
		sec->recs = calloc(hdr[1], min);
		if (!sec->recs)
			return -ENOMEM;
		out->sec_cnt++;
		for (uint32_t i = 0; i < hdr[1]; i++, p += rec_size) {
			void *rec = (uint8_t *)sec->recs + (size_t)i * min;
			int ret;

			memcpy(rec, p, min);
			ret = check_rec(btf, which, rec, log);
			if (ret)
				return ret;
		}
	}
	return 0;

truncated:
	bh_log(log, "BTF.ext: %s table truncated\n", table_names[which]);
	return -EINVAL;
}

static void free_table(struct btf_ext_table *t)
{
	for (uint32_t i = 0; i < t->sec_cnt; i++)
		free(t->secs[i].recs);
	free(t->secs);
}

void btf_ext_free(struct bh_btf_ext *ext)
{
	if (!ext)
		return;
	free_table(&ext->func_info);
	free_table(&ext->line_info);
	free_table(&ext->core_relo);
	free(ext);
}

/* Bounds of one table inside the part after the header. */
static int table_bounds(const struct btf_ext_hdr *h, size_t size, uint32_t off,
			uint32_t len, const char *what, struct bh_log *log)
{
	if ((uint64_t)h->hdr_len + off + len > size || (len && off % 4)) {
		bh_log(log, "BTF.ext: %s [%u, +%u) out of bounds\n", what, off, len);
		return -EINVAL;
	}
	return 0;
}

int btf_ext_parse(const struct bh_btf *btf, const void *data, size_t size,
		  struct bh_btf_ext **out, struct bh_log *log)
{
	struct btf_ext_hdr h = { 0 };
	struct bh_btf_ext *ext;
	const uint8_t *body;
	int ret;

	if (size < EXT_HDR_MIN) {
		bh_log(log, "BTF.ext: %zu bytes are smaller than its header\n", size);
		return -EINVAL;
	}
	memcpy(&h, data, EXT_HDR_MIN);
	if (h.magic != BTF_MAGIC || h.version != BTF_VERSION || h.flags) {
		bh_log(log, "BTF.ext: bad magic 0x%04x or version %u\n", h.magic,
		       h.version);
		return -EINVAL;
	}
	if (h.hdr_len < EXT_HDR_MIN || h.hdr_len > size) {
		bh_log(log, "BTF.ext: header length %u out of bounds\n", h.hdr_len);
		return -EINVAL;
	}
	if (h.hdr_len >= sizeof(h))
		memcpy(&h, data, sizeof(h));
	ret = table_bounds(&h, size, h.func_info_off, h.func_info_len, "func_info", log);
	if (!ret)
		ret = table_bounds(&h, size, h.line_info_off, h.line_info_len,
				   "line_info", log);
	if (!ret)
		ret = table_bounds(&h, size, h.core_relo_off, h.core_relo_len,
				   "core_relo", log);
	if (ret)
		return ret;
	ext = calloc(1, sizeof(*ext));
	if (!ext)
		return -ENOMEM;
	body = (const uint8_t *)data + h.hdr_len;
	ret = parse_table(btf, EXT_FUNC, body + h.func_info_off, h.func_info_len,
			  &ext->func_info, log);
	if (!ret)
		ret = parse_table(btf, EXT_LINE, body + h.line_info_off,
				  h.line_info_len, &ext->line_info, log);
	if (!ret)
		ret = parse_table(btf, EXT_CORE, body + h.core_relo_off,
				  h.core_relo_len, &ext->core_relo, log);
	if (ret) {
		btf_ext_free(ext);
		return ret;
	}
	*out = ext;
	return 0;
}

const struct btf_ext_sec *btf_ext_find(const struct btf_ext_table *table,
				       const char *name)
{
	for (uint32_t i = 0; i < table->sec_cnt; i++)
		if (!strcmp(table->secs[i].sec_name, name))
			return &table->secs[i];
	return NULL;
}
