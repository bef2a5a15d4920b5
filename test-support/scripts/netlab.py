#!/usr/bin/env python3
"""Traffic lab used by record-captures.sh (Python 3.11 standard library only).

Runs *inside* network namespaces created by record-captures.sh (via `ip netns exec`):
  serve   - HTTP (dual stack, port 80), fake DNS (UDP 53), UDP echo, TCP banner servers
  http / dns / tcp / udp / ping - clients with an explicit source address
  craft   - hand-built frames sent with AF_PACKET (IPv4 options, IPv6 extension headers,
            TCP options, Ethernet padding) - the receiving kernels answer them normally
  relay   - user-space wire between two tap (or tun) devices living in other namespaces;
            with --trunk it also transmits every forwarded frame, VLAN-tagged, on a veth
            where tcpdump records it (the kernel here has no 8021q module)
Never sends anything outside the namespaces it is started in.
"""
import argparse
import ctypes
import fcntl
import http.client
import http.server
import os
import select
import socket
import struct
import sys
import threading
import time

PATTERN = bytes.fromhex("35aff80a")  # 53.175.248.10 as bytes


# ---------------------------------------------------------------- servers
class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "packetstream-lab/1"
    sys_version = ""

    def do_GET(self):
        if self.path.startswith("/bin"):
            body = b"blob:" + PATTERN + b"\x00\x01\x02 end-of-blob\n"
            ctype = "application/octet-stream"
        elif self.path.startswith("/hello"):
            body = b"hello from packetstream lab\n"
            ctype = "text/plain"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


class DualStackHTTPServer(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6
    daemon_threads = True

    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()


DNS_A = {"evil.example": "53.175.248.10", "www.example": "203.0.113.80"}
DNS_AAAA = {"www.example": "2001:db8::80", "evil.example": "2001:db8::bad"}


def dns_answer(q):
    if len(q) < 12:
        return None
    qid, flags, qd = struct.unpack("!HHH", q[:6])
    pos, labels = 12, []
    while pos < len(q) and q[pos] != 0:
        n = q[pos]
        labels.append(q[pos + 1:pos + 1 + n].decode("ascii", "replace"))
        pos += 1 + n
    pos += 1
    qtype, qclass = struct.unpack("!HH", q[pos:pos + 4])
    question = q[12:pos + 4]
    name = ".".join(labels).lower()
    rdata = None
    if qtype == 1:
        rdata = socket.inet_pton(socket.AF_INET, DNS_A.get(name, "192.0.2.1"))
    elif qtype == 28:
        rdata = socket.inet_pton(socket.AF_INET6, DNS_AAAA.get(name, "2001:db8::1"))
    hdr = struct.pack("!HHHHHH", qid, 0x8180, 1, 1 if rdata else 0, 0, 0)
    ans = b""
    if rdata:
        ans = struct.pack("!HHHIH", 0xC00C, qtype, 1, 60, len(rdata)) + rdata
    return hdr + question + ans


def udp_server(addr, port, kind):
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))

    def loop():
        while True:
            data, peer = s.recvfrom(65535)
            if kind == "dns":
                out = dns_answer(data)
            else:
                out = b"echo:" + data
            if out:
                s.sendto(out, peer)

    threading.Thread(target=loop, daemon=True).start()


def tcp_banner_server(port, banner):
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", port))
    s.listen(16)

    def handle(c):
        try:
            c.sendall(banner)
            c.settimeout(0.5)
            try:
                c.recv(4096)
            except OSError:
                pass
        finally:
            c.close()

    def loop():
        while True:
            c, _ = s.accept()
            threading.Thread(target=handle, args=(c,), daemon=True).start()

    threading.Thread(target=loop, daemon=True).start()


def cmd_serve(a):
    if a.http:
        srv = DualStackHTTPServer(("::", 80), Handler)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    for addr in a.addr:
        if a.dns:
            udp_server(addr, 53, "dns")
        if a.echo:
            udp_server(addr, a.echo, "echo")
    for spec in a.tcp:
        port, banner = spec.split("=", 1)
        tcp_banner_server(int(port), banner.encode() + b"\r\n")
    if a.ready:
        with open(a.ready, "w") as f:
            f.write("ready\n")
    while True:
        time.sleep(3600)


# ---------------------------------------------------------------- clients
def fam_of(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def cmd_http(a):
    for path in a.path:
        c = http.client.HTTPConnection(a.dst, a.port, timeout=3, source_address=(a.src, 0))
        c.request("GET", path)
        r = c.getresponse()
        r.read()
        c.close()
        time.sleep(a.gap)


def cmd_dns(a):
    labels = b"".join(bytes([len(x)]) + x.encode() for x in a.name.split(".")) + b"\0"
    qtype = {"A": 1, "AAAA": 28}[a.qtype]
    q = struct.pack("!HHHHHH", a.id, 0x0100, 1, 0, 0, 0) + labels + struct.pack("!HH", qtype, 1)
    s = socket.socket(fam_of(a.dst), socket.SOCK_DGRAM)
    s.bind((a.src, a.sport))
    s.settimeout(2)
    s.sendto(q, (a.dst, 53))
    try:
        s.recvfrom(4096)
    except OSError:
        pass
    s.close()


def cmd_tcp(a):
    s = socket.socket(fam_of(a.dst), socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((a.src, a.sport))
    s.settimeout(2)
    try:
        s.connect((a.dst, a.port))
        if a.send:
            s.sendall(a.send.encode() + b"\r\n")
        while True:
            d = s.recv(4096)
            if not d:
                break
    except OSError as e:
        print(f"tcp {a.src}->{a.dst}:{a.port}: {e}", file=sys.stderr)
    s.close()


def cmd_udp(a):
    data = bytes.fromhex(a.hex) if a.hex else a.text.encode()
    s = socket.socket(fam_of(a.dst), socket.SOCK_DGRAM)
    if a.broadcast:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    if a.src:
        s.bind((a.src, a.sport))
    dst = (a.dst, a.port)
    if a.ifname:
        dst = (a.dst, a.port, 0, socket.if_nametoindex(a.ifname))
    s.sendto(data, dst)
    if a.wait:
        s.settimeout(a.wait)
        try:
            s.recvfrom(4096)
        except OSError:
            pass
    s.close()


def inet_csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def cmd_ping(a):
    payload = bytes.fromhex(a.hex) if a.hex else b"packetstream-ping"
    v6 = ":" in a.dst
    if v6:
        s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    else:
        s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    s.bind((a.src, 0))
    s.settimeout(1)
    ident = a.ident
    for seq in range(1, a.count + 1):
        if v6:
            pkt = struct.pack("!BBHHH", 128, 0, 0, ident, seq) + payload  # kernel fills checksum
        else:
            hdr = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
            pkt = struct.pack("!BBHHH", 8, 0, inet_csum(hdr + payload), ident, seq) + payload
        s.sendto(pkt, (a.dst, 0))
        deadline = time.time() + 1
        while time.time() < deadline:
            try:
                s.recvfrom(4096)
            except OSError:
                break
            break
        if seq < a.count:
            time.sleep(a.interval)
    s.close()


# ---------------------------------------------------------------- crafted frames
def mac_bytes(m):
    return bytes(int(x, 16) for x in m.split(":"))


def ipv4_header(src, dst, proto, payload_len, options=b"", ident=0x4242):
    ihl = 5 + len(options) // 4
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, ihl * 4 + payload_len, ident, 0x4000, 64, proto, 0,
                    socket.inet_aton(src), socket.inet_aton(dst)) + options
    return h[:10] + struct.pack("!H", inet_csum(h)) + h[12:]


def l4_csum(src, dst, proto, seg):
    if ":" in src:
        ph = socket.inet_pton(socket.AF_INET6, src) + socket.inet_pton(socket.AF_INET6, dst) + \
            struct.pack("!I3xB", len(seg), proto)
    else:
        ph = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, proto, len(seg))
    c = inet_csum(ph + seg)
    return c or 0xFFFF


def udp_segment(src, dst, sport, dport, data):
    seg = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    return seg[:6] + struct.pack("!H", l4_csum(src, dst, 17, seg)) + seg[8:]


def cmd_craft(a):
    ifname = a.ifname
    with open(f"/sys/class/net/{ifname}/address") as f:
        smac = mac_bytes(f.read().strip())
    dmac = mac_bytes(a.dmac)
    listen = None
    if a.kind == "udp4-ipopt":
        # IPv4 with IHL=7: an experimental option (type 30) whose data is 35 AF F8 0A, then NOP, EOL
        data = b"ipv4-options-here"
        opts = bytes([0x1E, 6]) + PATTERN + b"\x01\x00"
        seg = udp_segment(a.src, a.dst, a.sport, a.dport, data)
        ip = ipv4_header(a.src, a.dst, 17, len(seg), opts) + seg
        frame = dmac + smac + b"\x08\x00" + ip
        listen = (socket.AF_INET, a.src, a.sport)
    elif a.kind == "udp4-padded":
        # tiny UDP datagram; the Ethernet padding (after the IP packet) is 35 AF F8 repeated
        seg = udp_segment(a.src, a.dst, a.sport, a.dport, b"pad")
        ip = ipv4_header(a.src, a.dst, 17, len(seg)) + seg
        frame = dmac + smac + b"\x08\x00" + ip
        frame += (b"\x35\xaf\xf8" * 10)[:max(0, 60 - len(frame))]
        listen = (socket.AF_INET, a.src, a.sport)
    elif a.kind == "udp6-ext":
        # IPv6 + hop-by-hop (PadN) + destination options (unknown option, data 35 AF F8 0A)
        # + routing header type 0 with segments left 0 + atomic fragment header + UDP
        data = b"ipv6-extension-headers"
        seg = udp_segment(a.src, a.dst, a.sport, a.dport, data)
        hbh = bytes([60, 0, 1, 4, 0, 0, 0, 0])
        dst_opts = bytes([43, 0, 0x1E, 4]) + PATTERN
        rthdr = bytes([44, 0, 0, 0, 0, 0, 0, 0])
        frag = bytes([17, 0, 0, 0]) + struct.pack("!I", 0x0C0FFEE)
        ext = hbh + dst_opts + rthdr + frag
        ip6 = struct.pack("!IHBB", 0x60000000, len(ext) + len(seg), 0, 64) + \
            socket.inet_pton(socket.AF_INET6, a.src) + socket.inet_pton(socket.AF_INET6, a.dst)
        frame = dmac + smac + b"\x86\xdd" + ip6 + ext + seg
        listen = (socket.AF_INET6, a.src, a.sport)
    elif a.kind == "tcp4-synopt":
        # SYN to dport with MSS + experimental option kind 253 carrying 35 AF F8 0A + NOP NOP
        opts = bytes([2, 4, 0x05, 0xB4]) + bytes([253, 6]) + PATTERN + b"\x01\x01"
        doff = (20 + len(opts)) // 4
        seg = struct.pack("!HHIIBBHHH", a.sport, a.dport, 0x1000, 0, doff << 4, 0x02, 64240, 0, 0) + opts
        seg = seg[:16] + struct.pack("!H", l4_csum(a.src, a.dst, 6, seg)) + seg[18:]
        ip = ipv4_header(a.src, a.dst, 6, len(seg)) + seg
        frame = dmac + smac + b"\x08\x00" + ip
    else:
        raise SystemExit("unknown craft kind " + a.kind)
    rx = None
    if listen:
        rx = socket.socket(listen[0], socket.SOCK_DGRAM)
        rx.bind(listen[1:])
        rx.settimeout(1)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    s.send(frame)
    s.close()
    if rx:
        try:
            rx.recvfrom(4096)
        except OSError:
            pass
        rx.close()


# ---------------------------------------------------------------- relay
TUNSETIFF = 0x400454CA
IFF_TUN, IFF_TAP, IFF_NO_PI = 0x0001, 0x0002, 0x1000
CLONE_NEWNET = 0x40000000


def setns(name):
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    fd = os.open(f"/run/netns/{name}", os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns " + name)
    finally:
        os.close(fd)


def open_tun(spec, tap):
    ns, name = spec.split(":")
    setns(ns)
    fd = os.open("/dev/net/tun", os.O_RDWR)
    flags = (IFF_TAP if tap else IFF_TUN) | IFF_NO_PI
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH22x", name.encode(), flags))
    return fd


def cmd_relay(a):
    tap = a.mode == "tap"
    fa = open_tun(a.a, tap)
    fb = open_tun(a.b, tap)
    trunk = None
    tags = b""
    if a.trunk:
        ns, ifname = a.trunk.split(":")
        setns(ns)
        trunk = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)  # protocol 0: send only
        trunk.bind((ifname, 0))
        for t in a.tags.split(","):
            tpid, vid = t.split(":")
            tags += struct.pack("!HH", int(tpid, 16), int(vid))
    if a.ready:
        with open(a.ready, "w") as f:
            f.write("ready\n")
    peer = {fa: fb, fb: fa}
    while True:
        r, _, _ = select.select([fa, fb], [], [])
        for fd in r:
            frame = os.read(fd, 65536)
            if trunk is not None and len(frame) >= 14:
                try:
                    trunk.send(frame[:12] + tags + frame[12:])
                except OSError as e:
                    print("trunk send:", e, file=sys.stderr)
            try:
                os.write(peer[fd], frame)
            except OSError as e:
                print("relay write:", e, file=sys.stderr)


# ---------------------------------------------------------------- main
def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--addr", action="append", default=[])
    s.add_argument("--http", action="store_true")
    s.add_argument("--dns", action="store_true")
    s.add_argument("--echo", type=int, default=0)
    s.add_argument("--tcp", action="append", default=[], help="PORT=BANNER")
    s.add_argument("--ready")
    s = sub.add_parser("http")
    s.add_argument("--src", required=True)
    s.add_argument("--dst", required=True)
    s.add_argument("--port", type=int, default=80)
    s.add_argument("--gap", type=float, default=0.05)
    s.add_argument("path", nargs="+")
    s = sub.add_parser("dns")
    s.add_argument("--src", required=True)
    s.add_argument("--dst", required=True)
    s.add_argument("--name", required=True)
    s.add_argument("--qtype", default="A")
    s.add_argument("--id", type=lambda x: int(x, 0), default=0x1234)
    s.add_argument("--sport", type=int, default=0)
    s = sub.add_parser("tcp")
    s.add_argument("--src", required=True)
    s.add_argument("--dst", required=True)
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--sport", type=int, default=0)
    s.add_argument("--send")
    s = sub.add_parser("udp")
    s.add_argument("--src")
    s.add_argument("--sport", type=int, default=0)
    s.add_argument("--dst", required=True)
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--text", default="packetstream")
    s.add_argument("--hex")
    s.add_argument("--broadcast", action="store_true")
    s.add_argument("--ifname", help="scope for link-local multicast destinations")
    s.add_argument("--wait", type=float, default=0)
    s = sub.add_parser("ping")
    s.add_argument("--src", required=True)
    s.add_argument("--dst", required=True)
    s.add_argument("--count", type=int, default=1)
    s.add_argument("--interval", type=float, default=0.2)
    s.add_argument("--hex")
    s.add_argument("--ident", type=lambda x: int(x, 0), default=0x5053)
    s = sub.add_parser("craft")
    s.add_argument("kind")
    s.add_argument("--ifname", default="eth0")
    s.add_argument("--dmac", required=True)
    s.add_argument("--src", required=True)
    s.add_argument("--dst", required=True)
    s.add_argument("--sport", type=int, required=True)
    s.add_argument("--dport", type=int, required=True)
    s = sub.add_parser("relay")
    s.add_argument("--mode", choices=["tap", "tun"], default="tap")
    s.add_argument("--a", required=True, help="NETNS:IFNAME")
    s.add_argument("--b", required=True, help="NETNS:IFNAME")
    s.add_argument("--trunk", help="NETNS:IFNAME to transmit tagged copies on")
    s.add_argument("--tags", default="8100:10", help="TPID:VID[,TPID:VID] outermost first")
    s.add_argument("--ready")
    a = p.parse_args()
    {"serve": cmd_serve, "http": cmd_http, "dns": cmd_dns, "tcp": cmd_tcp, "udp": cmd_udp,
     "ping": cmd_ping, "craft": cmd_craft, "relay": cmd_relay}[a.cmd](a)


if __name__ == "__main__":
    main()
