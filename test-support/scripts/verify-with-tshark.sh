#!/usr/bin/env bash
# Cross-checks reference.py's own decoding of EVERY capture fixture against tshark (addresses, ports,
# protocol, TCP flags, TCP/UDP payload length and bytes, timestamps, lengths) and checks the file
# properties the tests rely on. Exits non-zero on any disagreement.
#   test-support/scripts/verify-with-tshark.sh [captures-dir]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${1:-$(cd "$HERE/.." && pwd)/src/main/resources/captures}
PY=${PYTHON:-python3}
command -v tshark >/dev/null || { echo "tshark not installed" >&2; exit 1; }
cd "$DIR"

"$PY" "$HERE/reference.py" check-tshark ./*.pcap ./*.pcapng

fail() { echo "FAIL: $*" >&2; exit 1; }
enc() { capinfos -E "$1" 2>/dev/null | sed -n 's/^File encapsulation: *//p'; }
# link types
[ "$(enc ethernet.pcap)" = "Ethernet" ]                  || fail "ethernet.pcap encapsulation"
[ "$(enc vlan.pcap)" = "Ethernet" ]                      || fail "vlan.pcap encapsulation"
[ "$(enc sll.pcap)" = "Linux cooked-mode capture v1" ]   || fail "sll.pcap is not LINUX_SLL"
[ "$(enc sll2.pcap)" = "Linux cooked-mode capture v2" ]  || fail "sll2.pcap is not LINUX_SLL2"
[ "$(enc rawip.pcap)" = "Raw IP" ]                       || fail "rawip.pcap is not raw IP"
[ "$(enc bsd-loopback.pcap)" = "NULL/Loopback" ]         || fail "bsd-loopback.pcap is not DLT_NULL"
[ "$(enc unknown-linktype.pcap)" = "USER 0" ]            || fail "unknown-linktype.pcap is not USER0"
# timestamp resolutions
[ "$(od -An -tx1 -N4 ethernet.pcap | tr -d ' ')" = "d4c3b2a1" ] || fail "ethernet.pcap is not a microsecond pcap"
[ "$(od -An -tx1 -N4 nano.pcap | tr -d ' ')" = "4d3cb2a1" ]     || fail "nano.pcap is not a nanosecond pcap"
capinfos -t ethernet-nano.pcapng | grep -q pcapng || fail "ethernet-nano.pcapng is not pcapng"
"$PY" - <<'EOF' || fail "ethernet-nano.pcapng: if_tsresol is not 9"
import struct, sys
d = open("ethernet-nano.pcapng", "rb").read()
pos, ok = 0, False
while pos < len(d):
    t, l = struct.unpack("<II", d[pos:pos + 8])
    if t == 1:
        body, o = d[pos + 16:pos + l - 4], 0
        while o + 4 <= len(body):
            c, n = struct.unpack("<HH", body[o:o + 4])
            if c == 9 and body[o + 4] == 9:
                ok = True
            if c == 0:
                break
            o += 4 + n + (-n % 4)
    pos += l
sys.exit(0 if ok else 1)
EOF
ns_digits=$(tshark -r ethernet-nano.pcapng -T fields -e frame.time_epoch 2>/dev/null | grep -vc '000$' || true)
[ "$ns_digits" -gt 0 ] || fail "ethernet-nano.pcapng has no sub-microsecond digits"
# snaplen64: captured < original for some packets, never more than 64 captured
"$PY" "$HERE/reference.py" decode snaplen64.pcap | "$PY" -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if "\"n\"" in l]
assert max(r["caplen"] for r in rows) <= 64, "caplen > 64"
assert sum(r["caplen"] < r["len"] for r in rows) > 10, "too few truncated packets"
' || fail "snaplen64.pcap properties"
# damaged files
"$PY" "$HERE/reference.py" decode truncated.pcap | grep -q '"problem"' || fail "truncated.pcap is not cut"
[ "$("$PY" "$HERE/reference.py" decode garbage.pcap | grep -c skipped)" -ge 6 ] || fail "garbage.pcap damaged records"
# sizes
total=$(cat ./*.pcap ./*.pcapng | wc -c)
[ "$total" -lt 1048576 ] || fail "fixtures larger than 1 MB ($total bytes)"
for f in ./*.pcap ./*.pcapng; do [ "$(wc -c <"$f")" -lt 204800 ] || fail "$f larger than 200 KB"; done
echo "verify-with-tshark: all checks passed ($total bytes of captures)"
