#!/usr/bin/env bash
# Records the capture-agent's own small test captures from real traffic on the loopback interface of a private
# network namespace (nothing leaves it), and the tshark reference values the reader tests compare against.
#
#   sudo capture-agent/src/test/scripts/record-test-captures.sh
#
# Needs root, iproute2, tcpdump, dumpcap/editcap/tshark and python3.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$(cd "$HERE/../resources/agent-captures" && pwd)}
NS=psagent-rec
WORK=$(mktemp -d /tmp/psagent.XXXXXX)
PIDS=()
cleanup() { set +e; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; ip netns del $NS 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
ip netns del $NS 2>/dev/null || true
ip netns add $NS
ip netns exec $NS ip link set lo up

cap() { # cap FILE tcpdump-args...
  local f=$1; shift
  ip netns exec $NS tcpdump -U -n "$@" -w "$WORK/$f" 2>"$WORK/$f.log" &
  PIDS+=($!)
  for _ in $(seq 100); do grep -q "listening on" "$WORK/$f.log" && return 0; sleep 0.1; done
  cat "$WORK/$f.log" >&2; exit 1
}
cap lo-micro.pcap -i lo
cap lo-nano.pcap -i lo --time-stamp-precision=nano
cap lo-snaplen64.pcap -i lo -s 64
cap any-sll.pcap -i any -y LINUX_SLL
cap any-sll2.pcap -i any -y LINUX_SLL2
ip netns exec $NS dumpcap -q -i lo -w "$WORK/lo-dumpcap.pcapng" 2>"$WORK/dumpcap.log" &
PIDS+=($!)
sleep 1.5

# traffic: UDP datagrams of varied sizes, one HTTP exchange over TCP, pings over IPv4 and IPv6
ip netns exec $NS python3 - <<'PY'
import socket, threading, http.server, urllib.request, time, random
rnd = random.Random(7)
for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
    s = socket.socket(family, socket.SOCK_DGRAM)
    for size in (1, 60, 200, 1400, 4000):
        s.sendto(bytes(rnd.randrange(256) for _ in range(size)), (host, 5353 + size))
        time.sleep(rnd.uniform(0.01, 0.2))
srv = http.server.HTTPServer(("127.0.0.1", 8080), http.server.SimpleHTTPRequestHandler)
threading.Thread(target=srv.handle_request, daemon=True).start()
urllib.request.urlopen("http://127.0.0.1:8080/").read()
time.sleep(0.2)
PY
ip netns exec $NS ping -c 3 -i 0.2 127.0.0.1 >/dev/null
ip netns exec $NS ping -6 -c 2 -i 0.2 ::1 >/dev/null
sleep 1
for p in "${PIDS[@]}"; do kill -INT "$p" 2>/dev/null || true; done
for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
PIDS=()

cp "$WORK"/lo-micro.pcap "$WORK"/lo-nano.pcap "$WORK"/lo-snaplen64.pcap "$WORK"/any-sll.pcap "$WORK"/any-sll2.pcap \
   "$WORK"/lo-dumpcap.pcapng "$OUT"/
editcap -F pcapng "$WORK/lo-nano.pcap" "$OUT/lo-nano.pcapng"
for f in lo-micro.pcap lo-nano.pcap lo-snaplen64.pcap any-sll.pcap any-sll2.pcap lo-dumpcap.pcapng lo-nano.pcapng; do
  tshark -r "$OUT/$f" -T fields -E separator=/t -e frame.time_epoch -e frame.len -e frame.cap_len \
      -e frame.interface_id > "$OUT/$f.tshark.tsv"
  echo "$f: $(wc -l < "$OUT/$f.tshark.tsv") packets"
done
