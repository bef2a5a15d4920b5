#!/usr/bin/env python3
"""packetstream reference implementation - INDEPENDENT of the Java code (Python 3.11 stdlib only).

Own pcap / pcapng reader, own decoder (Ethernet with 802.1Q/802.1ad stacks, Linux SLL and SLL2, raw IP,
BSD loopback; IPv4 with options, IPv6 with extension headers; TCP, UDP, ICMP, ICMPv6) and the six
questions of /work/shared/design.md with the exact semantics given in captures/README.md.

  reference.py decode FILE                      one JSON line per record (what the decoder saw)
  reference.py query --capture FILE:SENSOR ... QUESTION [--at T | --a IP --b IP | --ip IP --port P |
                     --hex HEX] [--from T] [--to T] [--sensor S]          QUESTION = q1..q6
  reference.py check-tshark FILE...             per-packet cross-check against tshark, exit 1 on mismatch
  reference.py golden [--out DIR]               (re)writes expected/pipeline.json and expected/demo.json
"""
import argparse
import datetime
import ipaddress
import json
import os
import re
import struct
import subprocess
import sys

NS = 1_000_000_000
MINUTE = 60 * NS
HERE = os.path.dirname(os.path.abspath(__file__))
CAPTURES = os.path.normpath(os.path.join(HERE, "..", "src", "main", "resources", "captures"))


# ============================================================================ file readers
class Record:
    __slots__ = ("index", "ts", "digits", "linktype", "caplen", "origlen", "data")

    def __init__(self, index, ts, digits, linktype, origlen, data):
        self.index, self.ts, self.digits, self.linktype = index, ts, digits, linktype
        self.caplen, self.origlen, self.data = len(data), origlen, data


class CaptureFile:
    def __init__(self, path):
        self.path = path
        self.records = []
        self.problems = []   # e.g. "truncated record", "truncated block"
        self.format = None
        with open(path, "rb") as f:
            data = f.read()
        if data[:4] == b"\x0a\x0d\x0d\x0a":
            self._pcapng(data)
        else:
            self._pcap(data)

    def _pcap(self, d):
        if len(d) < 24:
            raise ValueError(f"{self.path}: too short for a pcap header")
        m = d[:4]
        table = {b"\xd4\xc3\xb2\xa1": ("<", 6), b"\xa1\xb2\xc3\xd4": (">", 6),
                 b"\x4d\x3c\xb2\xa1": ("<", 9), b"\xa1\xb2\x3c\x4d": (">", 9)}
        if m not in table:
            raise ValueError(f"{self.path}: unknown magic {m.hex()}")
        e, digits = table[m]
        self.format = f"pcap-{'us' if digits == 6 else 'ns'}"
        linktype = struct.unpack(e + "I", d[20:24])[0] & 0x0FFFFFFF  # upper bits: FCS info
        pos, idx = 24, 0
        while pos < len(d):
            if pos + 16 > len(d):
                self.problems.append(f"truncated record header at offset {pos}")
                break
            sec, frac, incl, orig = struct.unpack(e + "IIII", d[pos:pos + 16])
            if incl > 0x4000000:
                self.problems.append(f"absurd captured length {incl} at offset {pos}")
                break
            if pos + 16 + incl > len(d):
                self.problems.append(f"truncated record data at offset {pos}")
                break
            ts = sec * NS + (frac * 1000 if digits == 6 else frac)
            idx += 1
            self.records.append(Record(idx, ts, digits, linktype, orig, d[pos + 16:pos + 16 + incl]))
            pos += 16 + incl

    def _pcapng(self, d):
        self.format = "pcapng"
        pos, idx, e, ifaces = 0, 0, "<", []
        while pos < len(d):
            if pos + 12 > len(d):
                self.problems.append(f"truncated block header at offset {pos}")
                break
            btype_raw = d[pos:pos + 4]
            if btype_raw == b"\x0a\x0d\x0d\x0a":
                bom = d[pos + 8:pos + 12]
                e = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">"
                ifaces = []
            btype, blen = struct.unpack(e + "II", d[pos:pos + 8])
            if blen < 12 or blen % 4 or pos + blen > len(d):
                self.problems.append(f"truncated or bad block (type {btype:#x}) at offset {pos}")
                break
            body = d[pos + 8:pos + blen - 4]
            if btype == 1:  # IDB
                lt, _, snap = struct.unpack(e + "HHI", body[:8])
                tsresol, tsoffset = 6, 0
                opos = 8
                while opos + 4 <= len(body):
                    code, olen = struct.unpack(e + "HH", body[opos:opos + 4])
                    val = body[opos + 4:opos + 4 + olen]
                    if code == 0:
                        break
                    if code == 9 and olen >= 1:
                        tsresol = val[0]
                    elif code == 14 and olen == 8:
                        tsoffset = struct.unpack(e + "q", val)[0]
                    opos += 4 + olen + (-olen % 4)
                ifaces.append((lt, tsresol, tsoffset))
            elif btype in (6, 2):  # EPB, obsolete PB
                if btype == 6:
                    iface, hi, lo, cap, orig = struct.unpack(e + "IIIII", body[:20])
                else:
                    iface, _drops, hi, lo, cap, orig = struct.unpack(e + "HHIIII", body[:20])
                lt, r, off = ifaces[iface]
                units = (hi << 32) | lo
                if r & 0x80:
                    ts = (units * NS) >> (r & 0x7F)
                    digits = 9
                elif r <= 9:
                    ts = units * 10 ** (9 - r)
                    digits = 6 if r <= 6 else 9
                else:
                    ts = units // 10 ** (r - 9)
                    digits = 9
                ts += off * NS
                idx += 1
                self.records.append(Record(idx, ts, digits, lt, orig, body[20:20 + cap]))
            elif btype == 3:  # SPB: no timestamp -> cannot be placed in time; counted, skipped
                idx += 1
                self.problems.append(f"simple packet block #{idx} without timestamp skipped")
            pos += blen


# ============================================================================ decoding
ETH_VLAN = (0x8100, 0x88A8, 0x9100, 0x9200)
PROTO_NAMES = {6: "tcp", 17: "udp", 1: "icmp", 58: "icmpv6"}
V6_EXT = (0, 43, 44, 60, 51, 135)


class Packet:
    """A decoded IP packet. sport/dport are None when the transport header is incomplete."""
    __slots__ = ("index", "time", "digits", "sensor", "origlen", "caplen", "version", "src", "dst",
                 "proto", "pname", "sport", "dport", "flags", "payload", "l4_len", "frame", "note")

    def endpoints(self):
        return (akey(self.src), self.sport), (akey(self.dst), self.dport)


def akey(a):
    return (a.version, a.packed)


def link_to_ip(lt, d):
    """Returns (offset of IP header, 4|6) or (None, reason)."""
    if lt == 1:  # Ethernet
        if len(d) < 14:
            return None, "short ethernet"
        et, off = struct.unpack("!H", d[12:14])[0], 14
    elif lt == 113:  # Linux SLL
        if len(d) < 16:
            return None, "short sll"
        et, off = struct.unpack("!H", d[14:16])[0], 16
    elif lt == 276:  # Linux SLL2
        if len(d) < 20:
            return None, "short sll2"
        et, off = struct.unpack("!H", d[0:2])[0], 20
    elif lt in (101, 12, 14, 228, 229):  # raw IP
        if not d:
            return None, "empty"
        v = d[0] >> 4
        return (0, v) if v in (4, 6) else (None, "raw: not ip")
    elif lt in (0, 108):  # BSD loopback / OpenBSD loop
        if len(d) < 4:
            return None, "short null"
        if lt == 108:
            af = struct.unpack(">I", d[:4])[0]
        else:
            af = struct.unpack("<I", d[:4])[0]
            if af > 0xFFFF:
                af = struct.unpack(">I", d[:4])[0]
        if af == 2:
            return 4, 4
        if af in (10, 24, 28, 30):
            return 4, 6
        return None, f"null af {af}"
    else:
        return None, f"unknown linktype {lt}"
    while et in ETH_VLAN:
        if off + 4 > len(d):
            return None, "short vlan"
        et = struct.unpack("!H", d[off + 2:off + 4])[0]
        off += 4
    if et == 0x0800:
        return off, 4
    if et == 0x86DD:
        return off, 6
    return None, f"ethertype {et:#06x}"


def decode(rec, sensor=None):
    """Decodes one record; returns (Packet, None) or (None, reason)."""
    d = rec.data
    off, ver = link_to_ip(rec.linktype, d)
    if off is None:
        return None, ver
    avail = len(d) - off
    p = Packet()
    p.index, p.time, p.digits, p.sensor = rec.index, rec.ts, rec.digits, sensor
    p.origlen, p.caplen, p.frame, p.note = rec.origlen, rec.caplen, d, ""
    p.sport = p.dport = None
    p.flags = None
    p.l4_len = None
    nonfirst_fragment = False
    if ver == 4:
        if avail < 20:
            return None, "ipv4 header incomplete"
        if d[off] >> 4 != 4:
            return None, "ip version mismatch"
        hl = (d[off] & 0x0F) * 4
        if hl < 20:
            return None, "bogus ipv4 header length"
        if avail < hl:
            return None, "ipv4 header incomplete"
        total = struct.unpack("!H", d[off + 2:off + 4])[0]
        if total == 0:          # TSO-style: length unknown, use what was captured
            total = avail
        if total < hl:
            return None, "bogus ipv4 total length"
        p.version = 4
        p.src = ipaddress.IPv4Address(d[off + 12:off + 16])
        p.dst = ipaddress.IPv4Address(d[off + 16:off + 20])
        proto = d[off + 9]
        if struct.unpack("!H", d[off + 6:off + 8])[0] & 0x1FFF:
            nonfirst_fragment = True
        l4 = off + hl
        logical_end = off + total
    else:
        if avail < 40:
            return None, "ipv6 header incomplete"
        if d[off] >> 4 != 6:
            return None, "ip version mismatch"
        plen = struct.unpack("!H", d[off + 4:off + 6])[0]
        if plen == 0:
            plen = avail - 40
        p.version = 6
        p.src = ipaddress.IPv6Address(d[off + 8:off + 24])
        p.dst = ipaddress.IPv6Address(d[off + 24:off + 40])
        proto = d[off + 6]
        l4 = off + 40
        logical_end = off + 40 + plen
        cap_end = min(len(d), logical_end)
        while proto in V6_EXT:
            if proto == 44:
                if l4 + 8 > cap_end:
                    p.note = "ipv6 extension header incomplete"
                    break
                if struct.unpack("!H", d[l4 + 2:l4 + 4])[0] >> 3:
                    nonfirst_fragment = True
                proto = d[l4]
                l4 += 8
                if nonfirst_fragment:
                    break
                continue
            if l4 + 2 > cap_end:
                p.note = "ipv6 extension header incomplete"
                break
            nxt = d[l4]
            hlen = (d[l4 + 1] + 2) * 4 if proto == 51 else (d[l4 + 1] + 1) * 8
            if l4 + hlen > cap_end:
                p.note = "ipv6 extension header incomplete"
                break
            proto, l4 = nxt, l4 + hlen
    p.proto = proto
    p.pname = PROTO_NAMES.get(proto, str(proto))
    end = min(len(d), logical_end)          # never Ethernet padding, never past captured bytes
    if p.note:                               # could not reach the transport header
        p.payload = b""
        return p, None
    if nonfirst_fragment:
        p.note = "non-first fragment: no transport header"
        p.payload = d[l4:end] if l4 < end else b""
        return p, None
    if proto == 6:
        if l4 + 20 <= end:
            doff = (d[l4 + 12] >> 4) * 4
            if doff >= 20 and l4 + doff <= end:
                p.sport, p.dport = struct.unpack("!HH", d[l4:l4 + 4])
                p.flags = ((d[l4 + 12] & 0x0F) << 8) | d[l4 + 13]
                p.payload = d[l4 + doff:end]
                p.l4_len = logical_end - l4 - doff
                return p, None
        p.note = "tcp header incomplete"
        p.payload = b""
    elif proto == 17:
        if l4 + 8 <= end:
            p.sport, p.dport, ulen = struct.unpack("!HHH", d[l4:l4 + 6])
            uend = end if ulen < 8 else min(end, l4 + ulen)
            p.payload = d[l4 + 8:uend]
            p.l4_len = (logical_end - l4 if ulen < 8 else min(ulen, logical_end - l4)) - 8
            return p, None
        p.note = "udp header incomplete"
        p.payload = b""
    else:  # ICMP, ICMPv6 and everything else: port 0, payload = the whole IP payload
        p.sport = p.dport = 0
        p.payload = d[l4:end] if l4 < end else b""
        p.l4_len = logical_end - l4
    return p, None


def load(pairs):
    """pairs: [(path, sensor)] -> list of decoded Packets (IP only) of all captures."""
    out = []
    for path, sensor in pairs:
        for rec in CaptureFile(path).records:
            p, _ = decode(rec, sensor)
            if p is not None:
                out.append(p)
    return out


# ============================================================================ address classes
def nets(*cidrs):
    return [ipaddress.ip_network(c) for c in cidrs]


LOCAL = nets("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
SPECIAL = nets("127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "255.255.255.255/32", "0.0.0.0/32",
               "::1/128", "fe80::/10", "ff00::/8", "::/128")
MCAST_BCAST = nets("224.0.0.0/4", "ff00::/8", "255.255.255.255/32")


def within(a, lst):
    return any(a.version == n.version and a in n for n in lst)


def is_local(a):
    return within(a, LOCAL)


def is_outside(a):
    return not within(a, LOCAL) and not within(a, SPECIAL)


# ============================================================================ time helpers
def fmt_time(ns, digits):
    sec, frac = divmod(ns, NS)
    base = datetime.datetime.fromtimestamp(sec, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    return f"{base}.{frac // 10 ** (9 - digits):0{digits}d}Z"


def fmt_minute(ns):
    return datetime.datetime.fromtimestamp(ns // NS, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:00Z")


RFC3339 = re.compile(r"^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?([Zz]|[+-]\d\d:\d\d)$")


def parse_time(s):
    if s is None:
        return None
    m = RFC3339.match(s)
    if m:
        y, mo, dd, h, mi, se, frac, tz = m.groups()
        dt = datetime.datetime(int(y), int(mo), int(dd), int(h), int(mi), int(se), tzinfo=datetime.timezone.utc)
        ns = int(dt.timestamp()) * NS + (int(frac.ljust(9, "0")) if frac else 0)
        if tz not in ("Z", "z"):
            sign = 1 if tz[0] == "+" else -1
            ns -= sign * (int(tz[1:3]) * 3600 + int(tz[4:6]) * 60) * NS
        return ns
    m = re.match(r"^(\d+)(?:\.(\d{1,9}))?$", s)
    if m:
        return int(m.group(1)) * NS + (int(m.group(2).ljust(9, "0")) if m.group(2) else 0)
    raise ValueError(f"bad time {s!r}")


def minute_ok(t, frm, to):
    m = t - t % MINUTE
    return (frm is None or m + MINUTE > frm) and (to is None or m <= to)


def sensor_ok(p, sensor):
    return sensor is None or p.sensor == sensor


# ============================================================================ the six questions
def q1_active(pkts, at, sensor=None):
    conns = {}
    for p in pkts:
        if p.sport is None or not sensor_ok(p, sensor) or not (at - NS < p.time <= at):
            continue
        e1, e2 = sorted(p.endpoints(), key=lambda e: (e[1], e[0]))
        k = (p.pname, e1, e2)        # e1 = dst: lower port, then lower address
        if k not in conns or p.time > conns[k].time:
            conns[k] = p
    rows = []
    for (pname, dst, src), p in conns.items():
        rows.append(((pname, dst[0], dst[1], src[0], src[1]), {
            "protocol": pname, "src": str(addr_of(src[0])), "srcPort": src[1],
            "dst": str(addr_of(dst[0])), "dstPort": dst[1], "lastSeen": fmt_time(p.time, p.digits)}))
    return [r for _, r in sorted(rows, key=lambda x: x[0])]


def addr_of(k):
    return ipaddress.ip_address(k[1])


def q2_volume(pkts, a, b, frm=None, to=None, sensor=None):
    a, b = ipaddress.ip_address(a), ipaddress.ip_address(b)
    per = {}
    for p in pkts:
        if not sensor_ok(p, sensor) or not minute_ok(p.time, frm, to):
            continue
        if (p.src == a and p.dst == b) or (p.src == b and p.dst == a):
            m = p.time - p.time % MINUTE
            c = per.setdefault(m, [0, 0])
            c[0] += 1
            c[1] += p.origlen
    return [{"minute": fmt_minute(m), "packets": c[0], "bytes": c[1]} for m, c in sorted(per.items())]


def q3_connected(pkts, x, port=80, frm=None, to=None, sensor=None):
    x = ipaddress.ip_address(x)
    hosts = set()
    for p in pkts:
        if p.pname not in ("tcp", "udp") or p.sport is None:
            continue
        if not sensor_ok(p, sensor) or not minute_ok(p.time, frm, to):
            continue
        if p.dst == x and p.dport == port:
            hosts.add(akey(p.src))
        if p.src == x and p.sport == port:
            hosts.add(akey(p.dst))
    return [{"host": str(addr_of(k))} for k in sorted(hosts)]


def q4_services(pkts, frm=None, to=None, sensor=None):
    svc = {}
    for p in pkts:
        if p.sport is None or p.dport >= 1024 or within(p.dst, MCAST_BCAST):
            continue
        if not sensor_ok(p, sensor) or not minute_ok(p.time, frm, to):
            continue
        if (p.pname == "tcp" and p.flags & 0x02 and not p.flags & 0x10) or p.pname == "udp":
            svc.setdefault(akey(p.dst), set()).add(p.dport)
    return [{"host": str(addr_of(k)), "ports": sorted(v)} for k, v in sorted(svc.items())]


def q5_containing(pkts, hexstr, frm=None, to=None, sensor=None, limit=None):
    pat = bytes.fromhex(hexstr)
    rows = []
    for p in pkts:
        if not sensor_ok(p, sensor) or (frm is not None and p.time < frm) or (to is not None and p.time > to):
            continue
        if pat and pat in p.payload:
            rows.append(((p.time, p.sensor, akey(p.src), p.sport or 0, akey(p.dst), p.dport or 0, p.pname), {
                "time": fmt_time(p.time, p.digits), "sensor": p.sensor, "protocol": p.pname,
                "src": str(p.src), "srcPort": p.sport or 0, "dst": str(p.dst), "dstPort": p.dport or 0,
                "length": p.origlen}))
    rows = [r for _, r in sorted(rows, key=lambda x: x[0])]
    return rows[:limit] if limit else rows


def q6_outside(pkts, frm=None, to=None, sensor=None):
    peers = {}
    for p in pkts:
        if not sensor_ok(p, sensor) or not minute_ok(p.time, frm, to):
            continue
        for h, o in ((p.src, p.dst), (p.dst, p.src)):
            if is_local(h) and is_outside(o):
                peers.setdefault(akey(h), set()).add(akey(o))
    return [{"host": str(addr_of(h)), "outsidePeers": [str(addr_of(o)) for o in sorted(v)]}
            for h, v in sorted(peers.items())]


PATHS = {"q1": "/api/v1/connections/active", "q2": "/api/v1/volume", "q3": "/api/v1/hosts/connected-to",
         "q4": "/api/v1/hosts/well-known-services", "q5": "/api/v1/packets/containing",
         "q6": "/api/v1/hosts/talking-outside"}


def run_case(pkts, q, params):
    """params: the HTTP query parameters (strings) of a case."""
    g = params.get
    frm, to, sensor = parse_time(g("from")), parse_time(g("to")), g("sensor")
    if q == "q1":
        return q1_active(pkts, parse_time(g("at")), sensor)
    if q == "q2":
        return q2_volume(pkts, g("a"), g("b"), frm, to, sensor)
    if q == "q3":
        return q3_connected(pkts, g("ip"), int(g("port", "80")), frm, to, sensor)
    if q == "q4":
        return q4_services(pkts, frm, to, sensor)
    if q == "q5":
        return q5_containing(pkts, g("hex"), frm, to, sensor, int(g("limit")) if g("limit") else None)
    if q == "q6":
        return q6_outside(pkts, frm, to, sensor)
    raise ValueError(q)


# ============================================================================ tshark cross-check
TSHARK_FIELDS = ["frame.number", "frame.time_epoch", "frame.len", "frame.cap_len", "frame.protocols",
                 "ip.src", "ip.dst", "ip.proto", "ipv6.src", "ipv6.dst",
                 "tcp.srcport", "tcp.dstport", "tcp.flags", "tcp.len", "tcp.payload",
                 "udp.srcport", "udp.dstport", "udp.length", "udp.payload"]
TRANSPORTS = ("tcp", "udp", "icmp", "icmpv6")


def tshark_rows(path):
    cmd = ["tshark", "-n", "-r", path, "-T", "fields", "-E", "separator=\t", "-E", "occurrence=f",
           "-o", "tcp.desegment_tcp_streams:FALSE", "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE"]
    for f in TSHARK_FIELDS:
        cmd += ["-e", f]
    r = subprocess.run(cmd, capture_output=True, text=True)
    rows = {}
    for line in r.stdout.splitlines():
        vals = line.split("\t")
        vals += [""] * (len(TSHARK_FIELDS) - len(vals))
        row = dict(zip(TSHARK_FIELDS, vals))
        rows[int(row["frame.number"])] = row
    stderr = "\n".join(l for l in r.stderr.splitlines() if "Running as user" not in l)
    return rows, r.returncode, stderr


def epoch_ns(s):
    whole, _, frac = s.partition(".")
    return int(whole) * NS + int(frac.ljust(9, "0")[:9] or 0)


def check_tshark(path, verbose=False):
    cap = CaptureFile(path)
    rows, rc, stderr = tshark_rows(path)
    errors, stats = [], {"records": len(cap.records), "ip": 0, "non_ip": 0, "tcp": 0, "udp": 0,
                         "other_ip": 0, "transport_incomplete_tshark_has_ports": 0, "payload_bytes_checked": 0}
    if len(rows) != len(cap.records):
        errors.append(f"record count: reference {len(cap.records)} tshark {len(rows)}")
    for rec in cap.records:
        t = rows.get(rec.index)
        if t is None:
            continue
        where = f"{os.path.basename(path)} #{rec.index}"
        if epoch_ns(t["frame.time_epoch"]) != rec.ts:
            errors.append(f"{where}: time ref {rec.ts} tshark {t['frame.time_epoch']}")
        if int(t["frame.len"]) != rec.origlen or int(t["frame.cap_len"]) != rec.caplen:
            errors.append(f"{where}: lengths ref {rec.origlen}/{rec.caplen} tshark {t['frame.len']}/{t['frame.cap_len']}")
        p, why = decode(rec)
        toks = t["frame.protocols"].split(":")
        ipi = next((i for i, x in enumerate(toks) if x in ("ip", "ipv6")), None)
        if p is None:
            stats["non_ip"] += 1
            if ipi is not None and (t["ip.src"] or t["ipv6.src"]):
                errors.append(f"{where}: reference skipped ({why}) but tshark decoded {t['frame.protocols']} "
                              f"{t['ip.src'] or t['ipv6.src']}")
            continue
        stats["ip"] += 1
        if ipi is None:
            errors.append(f"{where}: reference decoded IP but tshark says {t['frame.protocols']}")
            continue
        tsrc = t["ip.src"] if p.version == 4 else t["ipv6.src"]
        tdst = t["ip.dst"] if p.version == 4 else t["ipv6.dst"]
        if not tsrc or ipaddress.ip_address(tsrc) != p.src or ipaddress.ip_address(tdst) != p.dst:
            errors.append(f"{where}: addresses ref {p.src}->{p.dst} tshark {tsrc}->{tdst}")
        nxt_ip = next((i for i in range(ipi + 1, len(toks)) if toks[i] in ("ip", "ipv6")), len(toks))
        layer = toks[ipi + 1:nxt_ip]
        tproto = next((x for x in layer if x in TRANSPORTS), None)
        if p.pname in TRANSPORTS or tproto is not None:
            if p.pname != tproto and not (p.note and tproto is None):
                errors.append(f"{where}: protocol ref {p.pname} tshark {tproto} ({t['frame.protocols']})")
        elif p.version == 4 and t["ip.proto"] and int(t["ip.proto"]) != p.proto:
            errors.append(f"{where}: ip.proto ref {p.proto} tshark {t['ip.proto']}")
        if p.pname in ("tcp", "udp") and tproto == p.pname:
            pre = p.pname
            stats[pre] += 1
            tports = (t[pre + ".srcport"], t[pre + ".dstport"])
            if p.sport is None:
                if tports[0]:
                    stats["transport_incomplete_tshark_has_ports"] += 1
                continue
            if tports != (str(p.sport), str(p.dport)):
                errors.append(f"{where}: ports ref {p.sport}->{p.dport} tshark {tports}")
            if pre == "tcp":
                if int(t["tcp.flags"], 16) != p.flags:
                    errors.append(f"{where}: tcp flags ref {p.flags:#x} tshark {t['tcp.flags']}")
                if int(t["tcp.len"]) != p.l4_len:
                    errors.append(f"{where}: tcp payload length ref {p.l4_len} tshark {t['tcp.len']}")
            else:
                if int(t["udp.length"]) - 8 != p.l4_len:
                    errors.append(f"{where}: udp payload length ref {p.l4_len} tshark {t['udp.length']}-8")
            tpay = bytes.fromhex(t[pre + ".payload"].replace(":", ""))
            if tpay or p.payload:
                stats["payload_bytes_checked"] += 1
                if tpay != p.payload and not (p.caplen < p.origlen and p.payload.startswith(tpay)):
                    errors.append(f"{where}: {pre} payload bytes differ: ref {p.payload.hex()} tshark {tpay.hex()}")
        elif p.pname not in ("tcp", "udp"):
            stats["other_ip"] += 1
    return errors, stats, cap.problems, rc, stderr


# ============================================================================ golden files
def first(pkts, pred, what):
    for p in pkts:
        if pred(p):
            return p
    raise SystemExit(f"golden: no packet for {what}")


def A(s):
    return ipaddress.ip_address(s)


def build_pipeline_cases(pkts, digits=6):
    T = lambda ns: fmt_time(ns, digits)
    s1 = [p for p in pkts if p.sensor == "s1"]
    cases = []

    def case(name, q, params):
        cases.append({"name": name, "path": PATHS[q], "params": params, "_q": q})

    # ---- Q1
    dns = first(s1, lambda p: p.pname == "udp" and p.dst == A("172.16.9.33") and p.dport == 53, "s1 dns query")
    case("q1-active-at-exact-packet-time", "q1", {"at": T(dns.time)})
    # a connection whose last packet is exactly 1 s before `at` must be gone, but something else is active
    chosen = None
    conns = {}
    for p in s1:
        if p.sport is not None:
            conns.setdefault((p.pname, frozenset(p.endpoints())), []).append(p)
    for (pname, eps), ps in sorted(conns.items(), key=lambda kv: kv[1][-1].time):
        last = ps[-1].time
        at = last + NS
        res = q1_active(pkts, at)
        before = q1_active(pkts, at - 1000)
        key_in = lambda rs: any(r["protocol"] == pname and {(str(A(r["src"])), r["srcPort"]), (r["dst"], r["dstPort"])}
                                == {(str(addr_of(e[0])), e[1]) for e in eps} for r in rs)
        if res and not key_in(res) and key_in(before) and pname == "udp" and 53 in {e[1] for e in eps}:
            chosen = at
            break
    if chosen is None:
        raise SystemExit("golden: no 1-second-boundary candidate")
    case("q1-active-exactly-1s-after-last-packet", "q1", {"at": T(chosen)})
    case("q1-active-1s-after-last-packet-minus-1us", "q1", {"at": T(chosen - 1000)})
    syn = first(s1, lambda p: p.pname == "tcp" and p.dport == 80 and p.dst == A("172.16.9.33"), "s1 http syn")
    case("q1-active-http-burst", "q1", {"at": T(syn.time + 750_000_000)})
    ext = first(s1, lambda p: p.pname == "udp" and p.sport == 41002, "ipv6 ext header packet")
    case("q1-active-ipv6", "q1", {"at": T(ext.time + 500_000)})
    s2get = first(pkts, lambda p: p.sensor == "s2" and p.pname == "tcp" and p.dport == 80 and p.payload.startswith(b"GET"),
                  "s2 GET")
    case("q1-active-sensor-s2", "q1", {"at": T(s2get.time + 200_000_000), "sensor": "s2"})
    case("q1-active-other-sensor-empty", "q1", {"at": T(s2get.time + 200_000_000), "sensor": "s1"})

    # ---- Q2
    c1 = [p for p in s1 if {p.src, p.dst} == {A("10.10.0.11"), A("172.16.9.33")}]
    m1 = c1[0].time - c1[0].time % MINUTE
    m2 = m1 + MINUTE
    case("q2-volume-v4-whole-range", "q2", {"a": "10.10.0.11", "b": "172.16.9.33"})
    case("q2-volume-v4-minute-resolution", "q2", {"a": "172.16.9.33", "b": "10.10.0.11",
                                                  "from": T(m1 + 45_250_000_000), "to": T(m2)})
    case("q2-volume-v4-from-minute-boundary", "q2", {"a": "10.10.0.11", "b": "172.16.9.33", "from": T(m2)})
    case("q2-volume-v4-to-just-before-minute", "q2", {"a": "10.10.0.11", "b": "172.16.9.33", "to": T(m2 - 1000)})
    case("q2-volume-v6", "q2", {"a": "fd00::33", "b": "fd00::11"})
    case("q2-volume-v6-outside", "q2", {"a": "fd00::11", "b": "2001:db8::80"})
    case("q2-volume-outside-all-sensors", "q2", {"a": "10.10.0.11", "b": "203.0.113.80"})
    case("q2-volume-outside-sensor-s4", "q2", {"a": "10.10.0.11", "b": "203.0.113.80", "sensor": "s4"})

    # ---- Q3
    case("q3-connected-srv-80", "q3", {"ip": "172.16.9.33", "port": "80"})
    case("q3-connected-srv-80-sensor-s1", "q3", {"ip": "172.16.9.33", "port": "80", "sensor": "s1"})
    # a window with no packets at all inside it, but inside minute 1: the whole minute counts
    ts = sorted([m1] + [p.time for p in pkts if m1 <= p.time < m2] + [m2])
    gap = max(zip(ts, ts[1:]), key=lambda g: g[1] - g[0])
    third = (gap[1] - gap[0]) // 3 // 1000 * 1000
    quiet = (gap[0] + third, gap[1] - third)
    case("q3-connected-srv-80-quiet-window-minute-1", "q3", {"ip": "172.16.9.33", "port": "80",
                                                            "from": T(quiet[0]), "to": T(quiet[1])})
    case("q3-connected-srv-53", "q3", {"ip": "172.16.9.33", "port": "53"})
    case("q3-connected-v6-srv-80", "q3", {"ip": "fd00::33", "port": "80"})
    case("q3-connected-default-port", "q3", {"ip": "203.0.113.80"})
    case("q3-connected-v6-dns-outside", "q3", {"ip": "2001:db8::7", "port": "53"})

    # ---- Q4
    case("q4-services-all", "q4", {})
    case("q4-services-minute-1", "q4", {"from": T(m1), "to": T(m1 + 30 * NS)})
    case("q4-services-sensor-s2", "q4", {"sensor": "s2"})
    case("q4-services-sensor-s3", "q4", {"sensor": "s3"})

    # ---- Q5
    case("q5-containing-35AFF8", "q5", {"hex": "35AFF8"})
    case("q5-containing-lowercase-body-only", "q5", {"hex": "35aff80a00"})
    case("q5-containing-icmp-payload", "q5", {"hex": "deadbeef"})
    m = q5_containing(pkts, "35AFF8")
    inner = [r for r in m if r["sensor"] == "s1"]
    case("q5-containing-inclusive-range", "q5", {"hex": "35AFF8", "from": inner[1]["time"], "to": inner[-2]["time"]})
    case("q5-containing-sensor-s3", "q5", {"hex": "35aff8", "sensor": "s3"})
    case("q5-containing-get-sensor-s2", "q5", {"hex": "474554202f", "sensor": "s2"})

    # ---- Q6
    case("q6-outside-all", "q6", {})
    case("q6-outside-sensor-s4", "q6", {"sensor": "s4"})
    case("q6-outside-sensor-s2", "q6", {"sensor": "s2"})
    case("q6-outside-minute-2", "q6", {"from": T(m2), "to": T(m2)})
    case("q6-outside-quiet-window-minute-1", "q6", {"from": T(quiet[0]), "to": T(quiet[1])})
    return cases


def build_demo_cases(pkts, digits=6):
    T = lambda ns: fmt_time(ns, digits)
    syn = first(pkts, lambda p: p.pname == "tcp" and p.dport == 80 and p.dst == A("172.16.9.33"), "demo http syn")
    return [
        {"name": "demo-q1-active", "path": PATHS["q1"], "params": {"at": T(syn.time + 750_000_000)}, "_q": "q1"},
        {"name": "demo-q2-volume", "path": PATHS["q2"], "params": {"a": "10.10.0.11", "b": "172.16.9.33"}, "_q": "q2"},
        {"name": "demo-q3-connected", "path": PATHS["q3"], "params": {"ip": "172.16.9.33", "port": "80"}, "_q": "q3"},
        {"name": "demo-q4-services", "path": PATHS["q4"], "params": {}, "_q": "q4"},
        {"name": "demo-q5-containing", "path": PATHS["q5"], "params": {"hex": "35AFF8"}, "_q": "q5"},
        {"name": "demo-q6-outside", "path": PATHS["q6"], "params": {}, "_q": "q6"},
    ]


def sanity_checks(pkts, cases):
    """Fail loudly if the fixtures stop being discriminating."""
    by = {c["name"]: c["results"] for c in cases}
    problems = []
    q5 = by.get("q5-containing-35AFF8")
    if q5 is not None:
        if any("53.175.248.10" in (r["src"], r["dst"]) for r in q5):
            problems.append("q5: a 53.175.248.10 packet matched (header bytes must not match)")
        naive = [p for p in pkts if bytes.fromhex("35aff8") in p.frame]
        if len(naive) <= len(q5) or not any(A("53.175.248.10") in (p.src, p.dst) for p in naive):
            problems.append("q5: naive whole-frame scan is not a strict superset")
        for port in (41000, 41001, 41002, 41003):
            if any(port in (r["srcPort"], r["dstPort"]) for r in q5):
                problems.append(f"q5: crafted header/padding-only packet (port {port}) matched")
        if not {"tcp", "udp"} <= {r["protocol"] for r in q5}:
            problems.append("q5: need both tcp and udp payload matches")
    for name, res in by.items():
        if not res and not name.endswith("-empty"):
            problems.append(f"{name}: empty result")
    q1a, q1b = by.get("q1-active-exactly-1s-after-last-packet"), by.get("q1-active-1s-after-last-packet-minus-1us")
    if q1a is not None and not len(q1b) > len(q1a):
        problems.append("q1 boundary pair is not discriminating")
    if by.get("q4-services-all"):
        hosts = {r["host"] for r in by["q4-services-all"]}
        if hosts & {"255.255.255.255", "224.0.0.9", "ff02::1:2"}:
            problems.append("q4: multicast/broadcast host listed")
    if by.get("q4-services-all"):
        q4 = {r["host"]: r["ports"] for r in by["q4-services-all"]}
        if 1023 in q4.get("10.10.0.11", []):
            problems.append("q4: SYN-ACK to a low client port was counted")
        if 53 not in q4.get("10.10.0.12", []):
            problems.append("q4: UDP reply to a low client port (10.10.0.12:53) missing")
    for name in ("q3-connected-srv-80-quiet-window-minute-1", "q6-outside-quiet-window-minute-1"):
        c = next((c for c in cases if c["name"] == name), None)
        if c:
            frm, to = parse_time(c["params"]["from"]), parse_time(c["params"]["to"])
            if any(frm <= p.time <= to for p in pkts):
                problems.append(f"{name}: window is not quiet")
    if "q2-volume-v4-whole-range" in by and len(by["q2-volume-v4-whole-range"]) < 2:
        problems.append("q2: fewer than two minutes")
    if problems:
        raise SystemExit("golden sanity checks failed:\n  " + "\n  ".join(problems))


def capture_totals(f, sensor):
    """What a capture holds: records, and the IP packets every question's index counts (q2 counts each one)."""
    recs = CaptureFile(os.path.join(CAPTURES, f)).records
    ip = [r for r in recs if decode(r, sensor)[0] is not None]
    return {"file": f, "sensor": sensor, "packets": len(recs), "ipPackets": len(ip),
            "ipBytes": sum(r.origlen for r in ip)}


def write_golden(out_dir, name, captures, builder):
    pairs = [(os.path.join(CAPTURES, f), s) for f, s in captures]
    pkts = load(pairs)
    cases = builder(pkts)
    for c in cases:
        c["results"] = run_case(pkts, c.pop("_q"), c["params"])
    sanity_checks(pkts, cases)
    doc = {"captures": [capture_totals(f, s) for f, s in captures], "cases": cases}
    path = os.path.join(out_dir, name)
    os.makedirs(out_dir, exist_ok=True)
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"{path}: {len(cases)} cases")
    for c in cases:
        print(f"  {c['name']:45s} {len(c['results']):3d}  {json.dumps(c['params'])}")


# ============================================================================ CLI
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("decode")
    s.add_argument("file")
    s = sub.add_parser("query")
    s.add_argument("--capture", action="append", required=True, help="FILE:SENSOR")
    s.add_argument("question", choices=list(PATHS))
    for o in ("at", "a", "b", "ip", "port", "hex", "from", "to", "sensor", "limit"):
        s.add_argument("--" + o)
    s = sub.add_parser("check-tshark")
    s.add_argument("files", nargs="+")
    s = sub.add_parser("golden")
    s.add_argument("--out", default=os.path.join(CAPTURES, "expected"))
    a = ap.parse_args()

    if a.cmd == "decode":
        cap = CaptureFile(a.file)
        for rec in cap.records:
            p, why = decode(rec)
            row = {"n": rec.index, "time": fmt_time(rec.ts, rec.digits), "len": rec.origlen, "caplen": rec.caplen}
            if p is None:
                row["skipped"] = why
            else:
                row.update(proto=p.pname, src=str(p.src), sport=p.sport, dst=str(p.dst), dport=p.dport,
                           flags=p.flags, payload=len(p.payload), note=p.note or None)
            print(json.dumps(row))
        for pr in cap.problems:
            print(json.dumps({"problem": pr}))
    elif a.cmd == "query":
        pairs = [tuple(c.rsplit(":", 1)) for c in a.capture]
        pkts = load(pairs)
        params = {k: v for k, v in vars(a).items()
                  if k in ("at", "a", "b", "ip", "port", "hex", "from", "to", "sensor", "limit") and v is not None}
        print(json.dumps({"results": run_case(pkts, a.question, params)}, indent=1))
    elif a.cmd == "check-tshark":
        bad = 0
        for f in a.files:
            errors, stats, problems, rc, stderr = check_tshark(f)
            status = "OK" if not errors else f"{len(errors)} MISMATCHES"
            print(f"{os.path.basename(f)}: {status} {json.dumps(stats)}")
            for pr in problems:
                print(f"  reader: {pr}")
            if rc != 0 or stderr.strip():
                print(f"  tshark rc={rc} {stderr.strip()[:200]}")
            for e in errors[:50]:
                print("  " + e)
            bad += len(errors)
        if bad:
            print(f"FAILED: {bad} disagreements with tshark", file=sys.stderr)
            sys.exit(1)
        print("all files agree with tshark")
    elif a.cmd == "golden":
        write_golden(a.out, "pipeline.json",
                     [("ethernet.pcap", "s1"), ("vlan.pcap", "s2"), ("sll2.pcap", "s3"), ("bsd-loopback.pcap", "s4")],
                     build_pipeline_cases)
        write_golden(a.out, "demo.json", [("ethernet.pcap", "demo")], build_demo_cases)


if __name__ == "__main__":
    main()
