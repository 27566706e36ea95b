/* SPDX-License-Identifier: MIT */
/* tools/bpfhost/pcap.c - classic pcap reading and writing (see pcap.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pcap.h"

#define MAGIC_USEC 0xa1b2c3d4u
#define MAGIC_NSEC 0xa1b23c4du
#define MAGIC_PCAPNG 0x0a0d0d0au

struct file_hdr {
	uint32_t magic;
	uint16_t version_major, version_minor;
	int32_t thiszone;
	uint32_t sigfigs, snaplen, linktype;
};

static uint32_t get32(const struct pcap_reader *r, uint32_t v)
{
	return r->swapped ? __builtin_bswap32(v) : v;
}

static const char *linktype_name(uint32_t t)
{
	switch (t) {
	case 0: return "LINKTYPE_NULL";
	case 101: return "LINKTYPE_RAW";
	case 105: return "LINKTYPE_IEEE802_11";
	case 113: return "LINKTYPE_LINUX_SLL";
	case 127: return "LINKTYPE_IEEE802_11_RADIOTAP";
	case 228: return "LINKTYPE_IPV4";
	case 229: return "LINKTYPE_IPV6";
	case 276: return "LINKTYPE_LINUX_SLL2";
	default: return "unknown";
	}
}

int pcap_open(struct pcap_reader *r, const char *path)
{
	struct file_hdr h;
	size_t n;

	memset(r, 0, sizeof(*r));
	r->path = path;
	r->f = fopen(path, "rb");
	if (!r->f)
		return cli_error("cannot open '%s': %s", path, strerror(errno)), -1;
	n = fread(&h, 1, sizeof(h), r->f);
	if (n == 0) {
		cli_error("'%s' is empty, not a pcap file", path);
		goto fail;
	}
	if (n >= 4 && (h.magic == MAGIC_PCAPNG)) {
		cli_error("'%s' is a pcapng file; only classic pcap is supported "
			  "(convert it: editcap -F pcap IN OUT)", path);
		goto fail;
	}
	if (n >= 4 && (h.magic == MAGIC_USEC || h.magic == MAGIC_NSEC)) {
		r->swapped = false;
	} else if (n >= 4 && (__builtin_bswap32(h.magic) == MAGIC_USEC ||
			      __builtin_bswap32(h.magic) == MAGIC_NSEC)) {
		r->swapped = true;
	} else {
		cli_error("'%s' is not a pcap file (bad magic number)", path);
		goto fail;
	}
	if (n < sizeof(h)) {
		cli_error("'%s': the pcap file header is truncated (%zu of %zu bytes)",
			  path, n, sizeof(h));
		goto fail;
	}
	r->nsec = get32(r, h.magic) == MAGIC_NSEC;
	r->snaplen = get32(r, h.snaplen);
	/* The upper bits of the link-type field hold FCS information. */
	r->linktype = get32(r, h.linktype) & 0x0fffffff;
	if ((r->swapped ? __builtin_bswap16(h.version_major) : h.version_major) != 2) {
		cli_error("'%s': pcap version %u is not supported (only 2.x)", path,
			  r->swapped ? __builtin_bswap16(h.version_major) : h.version_major);
		goto fail;
	}
	if (r->linktype != PCAP_LINKTYPE_ETHERNET) {
		cli_error("'%s': link type %u (%s) is not supported: only "
			  "LINKTYPE_ETHERNET (1) frames can be run through XDP or TC",
			  path, r->linktype, linktype_name(r->linktype));
		goto fail;
	}
	r->buf = malloc(PCAP_MAX_CAPLEN);
	if (!r->buf) {
		cli_error("out of memory");
		goto fail;
	}
	return 0;
fail:
	fclose(r->f);
	r->f = NULL;
	return -1;
}

int pcap_next(struct pcap_reader *r, struct pcap_rec *rec)
{
	uint32_t h[4];
	size_t n = fread(h, 1, sizeof(h), r->f);

	if (n == 0 && !ferror(r->f))
		return 0;
	r->record++;
	if (n < sizeof(h))
		return cli_error("'%s': record %llu is truncated: its header has "
				 "%zu of 16 bytes", r->path,
				 (unsigned long long)r->record, n), -1;
	rec->sec = get32(r, h[0]);
	rec->frac = get32(r, h[1]);
	rec->caplen = get32(r, h[2]);
	rec->origlen = get32(r, h[3]);
	if (rec->caplen > PCAP_MAX_CAPLEN)
		return cli_error("'%s': record %llu has a captured length of %u "
				 "bytes (more than %u: a corrupt file?)", r->path,
				 (unsigned long long)r->record, rec->caplen,
				 PCAP_MAX_CAPLEN), -1;
	n = fread(r->buf, 1, rec->caplen, r->f);
	if (n < rec->caplen)
		return cli_error("'%s': record %llu is truncated: %zu of %u bytes "
				 "of packet data", r->path,
				 (unsigned long long)r->record, n, rec->caplen), -1;
	return 1;
}

void pcap_close(struct pcap_reader *r)
{
	if (r->f)
		fclose(r->f);
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

int pcap_create(struct pcap_writer *w, const char *path, bool nsec,
		uint32_t linktype)
{
	struct file_hdr h = {
		.magic = nsec ? MAGIC_NSEC : MAGIC_USEC,
		.version_major = 2, .version_minor = 4,
		.snaplen = PCAP_MAX_CAPLEN, .linktype = linktype,
	};

	w->path = path;
	w->nsec = nsec;
	w->f = fopen(path, "wb");
	if (!w->f)
		return cli_error("cannot create '%s': %s", path, strerror(errno)), -1;
	if (fwrite(&h, sizeof(h), 1, w->f) != 1) {
		cli_error("cannot write '%s': %s", path, strerror(errno));
		fclose(w->f);
		w->f = NULL;
		return -1;
	}
	return 0;
}

int pcap_write(struct pcap_writer *w, const struct pcap_rec *rec,
	       const void *data)
{
	uint32_t h[4] = { rec->sec, rec->frac, rec->caplen, rec->origlen };

	if (fwrite(h, sizeof(h), 1, w->f) != 1 ||
	    (rec->caplen && fwrite(data, rec->caplen, 1, w->f) != 1))
		return cli_error("cannot write '%s': %s", w->path, strerror(errno)), -1;
	return 0;
}

int pcap_finish(struct pcap_writer *w)
{
	int bad;

	if (!w->f)
		return 0;
	bad = fclose(w->f);
	w->f = NULL;
	if (bad)
		return cli_error("cannot write '%s': %s", w->path, strerror(errno)), -1;
	return 0;
}
