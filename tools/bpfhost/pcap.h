/* SPDX-License-Identifier: MIT */
/*
 * tools/bpfhost/pcap.h - classic pcap files (not pcapng) for
 * `bpfhost prog run --pcap`: both byte orders, microsecond (0xa1b2c3d4)
 * and nanosecond (0xa1b23c4d) timestamps, LINKTYPE_ETHERNET only.
 *
 * Errors are printed with cli_error() and name the file and, for records,
 * the record's number (1 is the first, as Wireshark numbers frames).
 */
#ifndef BH_CLI_PCAP_H
#define BH_CLI_PCAP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define PCAP_LINKTYPE_ETHERNET 1
/* Largest record accepted (libpcap's MAXIMUM_SNAPLEN). */
#define PCAP_MAX_CAPLEN 262144u

struct pcap_rec {
	uint32_t sec;
	uint32_t frac;    /* microseconds, or nanoseconds when nsec */
	uint32_t caplen;  /* bytes in the file */
	uint32_t origlen; /* bytes on the wire */
};

struct pcap_reader {
	FILE *f;
	const char *path;
	bool swapped;     /* the file's byte order is not the host's */
	bool nsec;        /* nanosecond timestamps */
	uint32_t snaplen;
	uint32_t linktype;
	uint64_t record;  /* number of the last record read */
	uint8_t *buf;     /* the last record's data (PCAP_MAX_CAPLEN bytes) */
};

/* Open @path and check its header; 0, or -1 with the error printed. */
int pcap_open(struct pcap_reader *r, const char *path);
/* Next record into r->buf: 1, 0 at the end, -1 with the error printed. */
int pcap_next(struct pcap_reader *r, struct pcap_rec *rec);
void pcap_close(struct pcap_reader *r);

struct pcap_writer {
	FILE *f;
	const char *path;
	bool nsec;
};

/* Create @path with a host-order header; 0, or -1 with the error printed. */
int pcap_create(struct pcap_writer *w, const char *path, bool nsec,
		uint32_t linktype);
int pcap_write(struct pcap_writer *w, const struct pcap_rec *rec,
	       const void *data);
/* Flush and close; 0, or -1 with the error printed. */
int pcap_finish(struct pcap_writer *w);

#endif /* BH_CLI_PCAP_H */
