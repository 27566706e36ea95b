#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate the demo's traffic: a deterministic classic pcap file.

    scripts/gen-pcap.py --out traffic.pcap [--expect counts.json]
                        [--count N] [--seed S]
                        [--nsec] [--big-endian] [--linktype N] [--truncate]

Packets are Ethernet frames, a mix of ARP, IPv4 (TCP, UDP, ICMP), IPv6
(TCP, UDP, ICMPv6) and one other EtherType (LLDP), from a small pool of
senders, one of which (203.0.113.66) examples/xdp_stats.bpf.c blocks.  The
same --seed and --count always give the same bytes (the random numbers come
from a xorshift generator written here, not from Python's `random`).

--expect writes what examples/xdp_stats.bpf.c must count over the file:
packets and bytes per protocol and per IPv4 source, and the XDP verdicts.
The other options make test inputs: nanosecond timestamps (magic
0xa1b23c4d), big-endian headers, another link type, or a last record cut
short.
"""
import argparse
import json
import struct
import sys

BLOCKED = "203.0.113.66"
IPV4_SOURCES = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4",
                "192.168.1.20", "172.16.5.4", BLOCKED]
IPV4_WEIGHTS = [30, 20, 15, 10, 10, 7, 8]
IPV4_DESTS = ["10.0.0.254", "198.51.100.7"]
IPV6_SOURCES = ["2001:db8::1", "2001:db8::2", "fe80::1"]
IPV6_DEST = "2001:db8::ff"
# kind, weight
KINDS = [("ipv4_tcp", 40), ("ipv4_udp", 22), ("ipv4_icmp", 10),
         ("ipv6_tcp", 8), ("ipv6_udp", 6), ("ipv6_icmp", 4),
         ("arp", 7), ("other", 3)]
# Layer-3 and layer-4 names as enum proto of examples/xdp_stats.bpf.c.
L3 = {"ipv4": "PROTO_IPV4", "ipv6": "PROTO_IPV6", "arp": "PROTO_ARP",
      "other": "PROTO_OTHER"}
L4 = {"tcp": "PROTO_TCP", "udp": "PROTO_UDP", "icmp": "PROTO_ICMP"}


class XorShift:
    """xorshift64*: the same sequence on every Python."""

    def __init__(self, seed):
        self.s = (seed * 0x9E3779B97F4A7C15 + 1) & (2**64 - 1) or 1

    def next(self):
        s = self.s
        s ^= (s >> 12)
        s ^= (s << 25) & (2**64 - 1)
        s ^= (s >> 27)
        self.s = s
        return (s * 0x2545F4914F6CDD1D) & (2**64 - 1)

    def below(self, n):
        return (self.next() >> 11) % n

    def weighted(self, items, weights):
        r = self.below(sum(weights))
        for item, w in zip(items, weights):
            if r < w:
                return item
            r -= w
        return items[-1]


def ip4(a):
    return bytes(int(x) for x in a.split("."))


def ip6(a):
    head, _, tail = a.partition("::")
    h = [int(x, 16) for x in head.split(":") if x]
    t = [int(x, 16) for x in tail.split(":") if x]
    words = h + [0] * (8 - len(h) - len(t)) + t
    return struct.pack("!8H", *words)


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def mac(n):
    return bytes([0x02, 0x00, 0x5E, 0x10, 0x00, n & 0xFF])


def l4_segment(kind, rng, payload, pseudo):
    sport, dport = 1024 + rng.below(60000), [80, 443, 53, 22, 8080][rng.below(5)]
    if kind == "tcp":
        hdr = struct.pack("!HHIIBBHHH", sport, dport, rng.next() & 0xFFFFFFFF,
                          0, 5 << 4, 0x18, 64240, 0, 0)
        seg = hdr + payload
        c = csum(pseudo(6, len(seg)) + seg)
        return seg[:16] + struct.pack("!H", c) + seg[18:], 6
    if kind == "udp":
        seg = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
        c = csum(pseudo(17, len(seg)) + seg) or 0xFFFF
        return seg[:6] + struct.pack("!H", c) + seg[8:], 17
    # ICMP echo request (v4: type 8; v6: type 128, checksum over pseudo)
    return None, None


def frame(kind, rng, expect):
    l3, _, l4 = kind.partition("_")
    payload = bytes(rng.below(256) for _ in range(rng.below(400)))
    dst, src = mac(0xFE), mac(rng.below(200))
    saddr = None
    if l3 == "ipv4":
        saddr = rng.weighted(IPV4_SOURCES, IPV4_WEIGHTS)
        daddr = IPV4_DESTS[rng.below(len(IPV4_DESTS))]

        def pseudo(proto, n):
            return ip4(saddr) + ip4(daddr) + struct.pack("!BBH", 0, proto, n)
        if l4 == "icmp":
            body = struct.pack("!BBHHH", 8, 0, 0, rng.below(65536), rng.below(100)) + payload
            body = body[:2] + struct.pack("!H", csum(body)) + body[4:]
            proto = 1
        else:
            body, proto = l4_segment(l4, rng, payload, pseudo)
        hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(body), rng.below(65536),
                          0x4000, 64, proto, 0, ip4(saddr), ip4(daddr))
        hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
        pkt = dst + src + b"\x08\x00" + hdr + body
    elif l3 == "ipv6":
        s6 = IPV6_SOURCES[rng.below(len(IPV6_SOURCES))]

        def pseudo(proto, n):
            return ip6(s6) + ip6(IPV6_DEST) + struct.pack("!IxxxB", n, proto)
        if l4 == "icmp":
            body = struct.pack("!BBHHH", 128, 0, 0, rng.below(65536), rng.below(100)) + payload
            body = body[:2] + struct.pack("!H", csum(pseudo(58, len(body)) + body)) + body[4:]
            proto = 58
        else:
            body, proto = l4_segment(l4, rng, payload, pseudo)
        hdr = struct.pack("!IHBB16s16s", 0x60000000, len(body), proto, 64,
                          ip6(s6), ip6(IPV6_DEST))
        pkt = dst + src + b"\x86\xdd" + hdr + body
    elif l3 == "arp":
        spa = ip4(IPV4_SOURCES[rng.below(4)])
        pkt = (b"\xff" * 6 + src + b"\x08\x06" +
               struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, src, spa,
                           b"\0" * 6, ip4("10.0.0.254")) + b"\0" * 18)
    else:  # LLDP
        pkt = b"\x01\x80\xc2\x00\x00\x0e" + src + b"\x88\xcc" + payload[:64].ljust(46, b"\0")

    n = len(pkt)

    def add(table, key):
        e = table.setdefault(key, {"packets": 0, "bytes": 0})
        e["packets"] += 1
        e["bytes"] += n
    add(expect["protocols"], L3[l3])
    if l4:
        add(expect["protocols"], L4[l4] if not (l4 == "icmp" and l3 == "ipv6")
            else "PROTO_ICMPV6")
    if saddr:
        add(expect["sources"], saddr)
    verdict = "XDP_DROP" if saddr == BLOCKED else "XDP_PASS"
    expect["verdicts"][verdict] = expect["verdicts"].get(verdict, 0) + 1
    expect["packets"] += 1
    expect["bytes"] += n
    return pkt


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--expect")
    ap.add_argument("--count", type=int, default=600)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--nsec", action="store_true")
    ap.add_argument("--big-endian", action="store_true")
    ap.add_argument("--linktype", type=int, default=1)
    ap.add_argument("--truncate", action="store_true",
                    help="cut the last record's data short")
    a = ap.parse_args()

    rng = XorShift(a.seed)
    bo = ">" if a.big_endian else "<"
    magic = 0xA1B23C4D if a.nsec else 0xA1B2C3D4
    expect = {"packets": 0, "bytes": 0, "protocols": {}, "sources": {},
              "verdicts": {}, "blocked": BLOCKED}
    out = bytearray(struct.pack(bo + "IHHiIII", magic, 2, 4, 0, 0, 262144, a.linktype))
    ts = 1767225600  # 2026-01-01T00:00:00Z
    frac = 0
    kinds, weights = [k for k, _ in KINDS], [w for _, w in KINDS]
    for i in range(a.count):
        pkt = frame(rng.weighted(kinds, weights), rng, expect)
        frac += 1000 + rng.below(50000)  # microseconds between packets
        sec, usec = ts + frac // 1000000, frac % 1000000
        sub = usec * 1000 + rng.below(1000) if a.nsec else usec
        cap = len(pkt)
        if a.truncate and i == a.count - 1:
            out += struct.pack(bo + "IIII", sec, sub, cap, cap) + pkt[:cap // 2]
            break
        out += struct.pack(bo + "IIII", sec, sub, cap, cap) + pkt
    with open(a.out, "wb") as f:
        f.write(out)
    if a.expect:
        with open(a.expect, "w") as f:
            json.dump(expect, f, indent=1, sort_keys=True)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
