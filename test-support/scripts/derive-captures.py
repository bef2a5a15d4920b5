#!/usr/bin/env python3
"""Derives the synthetic / damaged fixtures from the real recordings (stdlib only, deterministic).

  bsd-loopback.pcap     DLT_NULL (0): the packets of a real LINKTYPE_RAW tun capture, each prefixed with
                        a 4-byte address family in host (little-endian) order: 2 for IPv4, and for IPv6
                        24, 28 and 30 in turn (NetBSD/OpenBSD, FreeBSD, macOS values).
  truncated.pcap        ethernet.pcap cut in the middle of a packet record (header + half the bytes).
  garbage.pcap          valid header, 8 valid packets, 6 damaged records, then 8 more valid packets.
  unknown-linktype.pcap LINKTYPE_USER0 (147) with the first 5 frames of ethernet.pcap.
"""
import argparse
import os
import random
import struct


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        raise SystemExit(f"{path}: not a classic pcap")
    _, vmaj, vmin, tz, sig, snap, lt = struct.unpack(e + "IHHiIII", data[:24])
    recs, pos = [], 24
    while pos + 16 <= len(data):
        sec, frac, incl, orig = struct.unpack(e + "IIII", data[pos:pos + 16])
        recs.append((sec, frac, orig, data[pos + 16:pos + 16 + incl]))
        pos += 16 + incl
    return {"endian": e, "magic": magic, "snaplen": snap, "linktype": lt, "records": recs, "raw": data}


def header(linktype, snaplen=262144):
    return struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, linktype)


def record(sec, usec, frame, orig=None):
    return struct.pack("<IIII", sec, usec, len(frame), len(frame) if orig is None else orig) + frame


def bsd_loopback(src, dst):
    cap = read_pcap(src)
    assert cap["linktype"] in (101, 12, 14), cap["linktype"]
    out = [header(0)]
    v6_families = [24, 28, 30]
    n6 = 0
    for sec, frac, orig, frame in cap["records"]:
        if frame[0] >> 4 == 6:
            af = v6_families[n6 % 3]
            n6 += 1
        else:
            af = 2
        out.append(record(sec, frac, struct.pack("<I", af) + frame, orig + 4))
    with open(dst, "wb") as f:
        f.write(b"".join(out))


def truncated(src, dst):
    raw = read_pcap(src)["raw"]
    pos, n, cut = 24, 0, None
    while pos + 16 <= len(raw):
        incl = struct.unpack("<I", raw[pos + 8:pos + 12])[0]
        n += 1
        if n > 40 and incl >= 60:  # cut inside the frame bytes of the 41st+ record
            cut = pos + 16 + incl // 2
            break
        pos += 16 + incl
    with open(dst, "wb") as f:
        f.write(raw[:cut])


def garbage(src, dst):
    cap = read_pcap(src)
    assert cap["endian"] == "<" and cap["linktype"] == 1
    recs = cap["records"]
    rnd = random.Random(5331)
    good = recs[:8]
    tail = recs[8:16]
    sec, usec = good[-1][0], good[-1][1]
    eth = bytes.fromhex("020000000033" "020000000011")
    bad = [
        bytes(rnd.randrange(256) for _ in range(90)),                                   # random bytes
        eth + b"\x08\x00" + bytes([0x43]) + bytes(rnd.randrange(256) for _ in range(40)),  # IPv4, IHL 3
        eth + b"\x08\x00" + bytes.fromhex("450000540000400040017ab40a0a"),               # IPv4 header cut at 14 bytes
        eth + b"\x86\xdd" + bytes.fromhex("6000000000141140fd000000000000000000"),       # IPv6 header cut at 18 bytes
        eth + b"\x08\x00" + bytes([0x15]) + bytes(rnd.randrange(256) for _ in range(40)),  # "IPv4" with version 1
        eth,                                                                             # Ethernet header only
    ]
    out = [header(1)]
    for r in good:
        out.append(record(r[0], r[1], r[3], r[2]))
    for i, frame in enumerate(bad):
        out.append(record(sec, (usec + 1 + i) % 1000000, frame))
    for r in tail:
        out.append(record(r[0], r[1], r[3], r[2]))
    with open(dst, "wb") as f:
        f.write(b"".join(out))


def unknown_linktype(src, dst):
    cap = read_pcap(src)
    out = [header(147)]
    for r in cap["records"][:5]:
        out.append(record(r[0], r[1], r[3], r[2]))
    with open(dst, "wb") as f:
        f.write(b"".join(out))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True, help="captures directory (must already hold ethernet.pcap)")
    p.add_argument("--bsd-source", help="LINKTYPE_RAW capture to convert into bsd-loopback.pcap")
    a = p.parse_args()
    eth = os.path.join(a.out, "ethernet.pcap")
    if a.bsd_source:
        bsd_loopback(a.bsd_source, os.path.join(a.out, "bsd-loopback.pcap"))
    truncated(eth, os.path.join(a.out, "truncated.pcap"))
    garbage(eth, os.path.join(a.out, "garbage.pcap"))
    unknown_linktype(eth, os.path.join(a.out, "unknown-linktype.pcap"))


if __name__ == "__main__":
    main()
