#!/usr/bin/env bash
# Records the packetstream capture fixtures from REAL traffic between network namespaces.
#
#   sudo test-support/scripts/record-captures.sh            # writes test-support/src/main/resources/captures/
#   OUT=/tmp/caps test-support/scripts/record-captures.sh    # somewhere else
#
# Needs root, iproute2, tcpdump, editcap (wireshark-common/tshark) and python3 (stdlib only).
# Only namespaces named pscap-* are created; they are deleted again on exit (also on failure).
# No packet ever leaves those namespaces. Afterwards run reference.py golden + verify-with-tshark.sh.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$(cd "$HERE/.." && pwd)/src/main/resources/captures}
PY=${PYTHON:-python3}
LAB="$HERE/netlab.py"
WORK=$(mktemp -d /tmp/pscap.XXXXXX)
NSES="pscap-sw pscap-c1 pscap-c2 pscap-srv pscap-lan pscap-out pscap-trunk pscap-va pscap-vc pscap-ta"
BG_PIDS=()
CAP_PIDS=()

for t in ip tcpdump editcap "$PY"; do
  command -v "$t" >/dev/null || { echo "missing tool: $t" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "must run as root" >&2; exit 1; }

del_namespaces() {  # also ends processes left inside our own pscap-* namespaces (e.g. by an interrupted run)
  local ns p
  for ns in $NSES; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
}
cleanup() {
  set +e
  for p in "${CAP_PIDS[@]}" "${BG_PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${CAP_PIDS[@]}" "${BG_PIDS[@]}"; do wait "$p" 2>/dev/null; done
  del_namespaces
  rm -rf "$WORK"
}
trap cleanup EXIT
del_namespaces   # idempotent: remove leftovers of an interrupted run

inns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
lab() { local ns=$1; shift; echo "[$(date -u +%T.%N)] $ns: $*" >&2; ip netns exec "$ns" "$PY" "$LAB" "$@"; }
jit() { sleep "0.$(( RANDOM % 350 + 50 ))"; }   # 0.05 .. 0.4 s: varied sub-second times

wait_file() { for _ in $(seq 100); do [ -s "$1" ] && return 0; sleep 0.1; done; echo "timeout waiting for $1" >&2; exit 1; }

# launch_cap NS IFACE FILE [tcpdump options...]; wait_listening FILE...; start_cap = both
launch_cap() {
  local ns=$1 ifc=$2 file=$3; shift 3
  ip netns exec "$ns" tcpdump -i "$ifc" --immediate-mode -B 65536 -U -n -Z root "$@" -w "$file" 2>"$file.log" &
  CAP_PIDS+=($!)
}
wait_listening() {
  local f
  for f in "$@"; do
    for _ in $(seq 100); do grep -q "listening on" "$f.log" && continue 2; sleep 0.05; done
    cat "$f.log" >&2; echo "tcpdump for $f did not start" >&2; exit 1
  done
}
start_cap() { launch_cap "$@"; wait_listening "$3"; }
stop_caps() {
  sleep 1
  for p in "${CAP_PIDS[@]}"; do kill -INT "$p"; done
  for p in "${CAP_PIDS[@]}"; do wait "$p" || true; done
  CAP_PIDS=()
  for f in "$WORK"/*.pcap.log; do   # tcpdump statistics, e.g. "0 packets dropped by kernel"
    [ -e "$f.shown" ] || { echo "$(basename "$f" .log): $(grep -E 'captured|dropped' "$f" | tr '\n' ' ')" >&2; touch "$f.shown"; }
    if ! grep -q '^0 packets dropped by kernel' "$f"; then
      echo "tcpdump dropped packets for $(basename "$f" .log); run again" >&2; exit 1
    fi
  done
}
secs_to_next_minute() { "$PY" -c 'import time; print(f"{60 - time.time() % 60 + 0.35:.3f}")'; }

new_ns() {  # new_ns NAME: namespace with lo up
  ip netns add "$1"
  inns "$1" ip link set lo up
}

########################################################################## topology
# pscap-sw: a bridge (no addresses, IPv6 off) that all bridged hosts plug into; captures run on br0.
new_ns pscap-sw
inns pscap-sw sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
# br_netfilter (if loaded) would trim frames to the IP length and so drop the Ethernet padding we want to keep
for k in iptables ip6tables arptables; do
  inns pscap-sw sysctl -qw "net.bridge.bridge-nf-call-$k=0" 2>/dev/null || true
done
inns pscap-sw ip link add br0 type bridge stp_state 0 mcast_snooping 0
inns pscap-sw ip link set br0 up

# host NAME MACSUFFIX ADDR...   (flat L2: /32 and /128 addresses, default routes on-link)
host() {
  local name=$1 mac=$2; shift 2
  local ns=pscap-$name
  new_ns "$ns"
  ip -n pscap-sw link add "p-$name" type veth peer name eth0 netns "$ns"
  ip -n pscap-sw link set "p-$name" master br0 up
  inns "$ns" ip link set eth0 address "02:00:00:00:00:$mac"
  for a in "$@"; do
    case $a in
      *:*) inns "$ns" ip -6 addr add "$a/128" dev eth0 nodad ;;
      *)   inns "$ns" ip addr add "$a/32" dev eth0 ;;
    esac
  done
  inns "$ns" ip link set eth0 up
  inns "$ns" ip route add default dev eth0
  inns "$ns" ip -6 route add default dev eth0
}
host c1  11 10.10.0.11 fd00::11
host c2  12 10.10.0.12 fd00::12
host srv 33 172.16.9.33 fd00::33
host lan 20 192.168.1.20 fd00::20
host out 80 203.0.113.80 198.51.100.7 53.175.248.10 2001:db8::80 2001:db8::7
MAC_SRV=02:00:00:00:00:33

# servers (started without a shell function, so that $! is the server process itself)
ip netns exec pscap-srv "$PY" "$LAB" serve --http --dns --echo 40000 --tcp 22=SSH-2.0-OpenSSH_9.6 --tcp 443=tls-lookalike \
    --addr 172.16.9.33 --addr fd00::33 --ready "$WORK/srv.ready" & BG_PIDS+=($!)
ip netns exec pscap-out "$PY" "$LAB" serve --http --dns --echo 40000 --tcp 22=SSH-2.0-dropbear --tcp 443=tls-lookalike \
    --addr 203.0.113.80 --addr 198.51.100.7 --addr 53.175.248.10 --addr 2001:db8::80 --addr 2001:db8::7 \
    --ready "$WORK/out.ready" & BG_PIDS+=($!)
wait_file "$WORK/srv.ready"; wait_file "$WORK/out.ready"
sleep 10   # let router solicitations / MLD reports of the new interfaces die down before phase A

########################################################################## phase A: ethernet (bridge)
# Same traffic recorded three ways: microsecond pcap, nanosecond pcap, 64-byte snaplen.
# Make sure minute 1 has room for the first half of the traffic.
if "$PY" -c 'import time,sys; sys.exit(0 if time.time() % 60 > 35 else 1)'; then sleep "$(secs_to_next_minute)"; fi
launch_cap pscap-sw br0 "$WORK/ethernet.pcap"
launch_cap pscap-sw br0 "$WORK/nano.pcap" --time-stamp-precision=nano
launch_cap pscap-sw br0 "$WORK/snaplen64.pcap" -s 64
wait_listening "$WORK/ethernet.pcap" "$WORK/nano.pcap" "$WORK/snaplen64.pcap"
sleep 0.3

# --- minute 1
lab pscap-c1 http --src 10.10.0.11 --dst 172.16.9.33 /hello /bin; jit
lab pscap-c2 http --src 10.10.0.12 --dst 172.16.9.33 /hello; jit
lab pscap-c1 http --src 10.10.0.11 --dst 203.0.113.80 /hello; jit
lab pscap-c1 dns --src 10.10.0.11 --dst 172.16.9.33 --name evil.example --id 0x1111; jit   # answer rdata 35 AF F8 0A
lab pscap-c2 dns --src 10.10.0.12 --dst 198.51.100.7 --name www.example --id 0x2222; jit
lab pscap-c2 tcp --src 10.10.0.12 --dst 172.16.9.33 --port 22 --send SSH-2.0-client; jit
lab pscap-c1 ping --src 10.10.0.11 --dst 172.16.9.33 --count 2 --hex deadbeef0102030405060708; jit
lab pscap-out udp --src 53.175.248.10 --dst 172.16.9.33 --port 40000 --text hello-from-outside --wait 1; jit
lab pscap-out tcp --src 53.175.248.10 --dst 172.16.9.33 --port 443 --send client-hello; jit
lab pscap-out ping --src 53.175.248.10 --dst 172.16.9.33 --count 1; jit
lab pscap-lan udp --src 192.168.1.20 --dst 255.255.255.255 --port 67 --broadcast --text dhcp-discover-lookalike; jit
lab pscap-lan udp --src 192.168.1.20 --dst 224.0.0.9 --port 520 --text rip-lookalike; jit
lab pscap-c2 udp --src 10.10.0.12 --dst 172.16.9.33 --port 40001 --text nobody-listens; jit      # ICMP port unreachable
lab pscap-c2 tcp --src 10.10.0.12 --dst 172.16.9.33 --port 25; jit                                # SYN, RST
lab pscap-c1 tcp --src 10.10.0.11 --sport 1023 --dst 172.16.9.33 --port 443 --send low-source-port; jit  # SYN-ACK to :1023
lab pscap-c2 dns --src 10.10.0.12 --sport 53 --dst 172.16.9.33 --name www.example --id 0x2323; jit  # reply to :53
lab pscap-c1 craft udp4-ipopt --dmac $MAC_SRV --src 10.10.0.11 --dst 172.16.9.33 --sport 41000 --dport 40000; jit
lab pscap-c2 craft udp4-padded --dmac $MAC_SRV --src 10.10.0.12 --dst 172.16.9.33 --sport 41001 --dport 40000; jit
lab pscap-c1 ping --src fd00::11 --dst fd00::33 --count 1 --hex deadbeef; jit
lab pscap-c2 udp --src 10.10.0.12 --dst 172.16.9.33 --port 40000 --hex "$(printf 'udp-with-pattern:' | od -An -tx1 | tr -d ' \n')35aff80a" --wait 1

# --- minute 2
sleep "$(secs_to_next_minute)"
lab pscap-c1 http --src fd00::11 --dst fd00::33 /bin; jit
lab pscap-c2 http --src fd00::12 --dst 2001:db8::80 /hello; jit
lab pscap-c1 ping --src fd00::11 --dst fd00::33 --count 2 --hex deadbeefcafe; jit
lab pscap-c1 ping --src fd00::11 --dst 2001:db8::80 --count 1; jit
lab pscap-c2 dns --src fd00::12 --dst 2001:db8::7 --name www.example --qtype AAAA --id 0x3333; jit
lab pscap-c1 dns --src fd00::11 --dst fd00::33 --name evil.example --id 0x4444; jit
lab pscap-c1 craft udp6-ext --dmac $MAC_SRV --src fd00::11 --dst fd00::33 --sport 41002 --dport 40000; jit
lab pscap-c2 craft tcp4-synopt --dmac $MAC_SRV --src 10.10.0.12 --dst 172.16.9.33 --sport 41003 --dport 443; jit
lab pscap-out http --src 53.175.248.10 --dst 172.16.9.33 /hello; jit
lab pscap-c2 http --src 10.10.0.12 --dst 172.16.9.33 /bin; jit
lab pscap-c1 http --src 10.10.0.11 --dst 172.16.9.33 /hello; jit
lab pscap-lan udp --dst ff02::1:2 --port 547 --ifname eth0 --text dhcpv6-solicit-lookalike; jit
lab pscap-lan udp --src fd00::20 --dst 2001:db8::7 --port 123 --text ntp-lookalike; jit
lab pscap-c2 tcp --src fd00::12 --dst fd00::33 --port 443 --send hello
stop_caps

########################################################################## phase B: linux cooked (tcpdump -i any on pscap-lan)
launch_cap pscap-lan any "$WORK/sll.pcap" -y LINUX_SLL
launch_cap pscap-lan any "$WORK/sll2.pcap" -y LINUX_SLL2
wait_listening "$WORK/sll.pcap" "$WORK/sll2.pcap"
sleep 0.3
lab pscap-lan http --src 192.168.1.20 --dst 172.16.9.33 /hello /bin; jit
lab pscap-lan http --src fd00::20 --dst 2001:db8::80 /bin; jit
lab pscap-lan dns --src 192.168.1.20 --dst 198.51.100.7 --name evil.example --id 0x5555; jit
lab pscap-lan tcp --src 192.168.1.20 --dst 172.16.9.33 --port 22 --send SSH-2.0-client; jit
lab pscap-lan ping --src 192.168.1.20 --dst 203.0.113.80 --count 2 --hex deadbeef; jit
lab pscap-lan ping --src fd00::20 --dst fd00::33 --count 1; jit
lab pscap-lan udp --src 127.0.0.1 --dst 127.0.0.1 --port 123 --text loopback-ntp; jit
lab pscap-lan tcp --src ::1 --dst ::1 --port 631; jit
lab pscap-lan udp --src 192.168.1.20 --dst 255.255.255.255 --port 67 --broadcast --text dhcp-discover-lookalike
stop_caps

########################################################################## phase C: VLAN trunk
# No 8021q kernel module here, so a user-space relay bridges two tap devices and transmits every
# frame it forwards, tagged, on veth trunk0 <-> trunk1, where tcpdump records it:
#   pscap-va (192.168.1.30, fd00::30) <-> pscap-srv        802.1Q VID 10
#   pscap-vc (10.10.0.50, fd00::50)   <-> pscap-out        802.1ad S-VID 100 + 802.1Q C-VID 5 (QinQ)
new_ns pscap-trunk
inns pscap-trunk sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n pscap-trunk link add trunk0 mtu 9000 type veth peer name trunk1 mtu 9000
inns pscap-trunk ip link set trunk0 up
inns pscap-trunk ip link set trunk1 up
# tapend NS IF MAC ADDR... : persistent tap with addresses and default routes; PEERS: routes to the far side
tapend() {
  local ns=$1 ifc=$2 mac=$3; shift 3
  inns "$ns" ip tuntap add mode tap name "$ifc"
  inns "$ns" ip link set "$ifc" address "$mac" up
  for a in "$@"; do
    case $a in
      route:*:*) inns "$ns" ip -6 route add "${a#route:}/128" dev "$ifc" ;;
      route:*)   inns "$ns" ip route add "${a#route:}/32" dev "$ifc" ;;
      *:*)       inns "$ns" ip -6 addr add "$a/128" dev "$ifc" nodad ;;
      *)         inns "$ns" ip addr add "$a/32" dev "$ifc" ;;
    esac
  done
}
new_ns pscap-va
new_ns pscap-vc
tapend pscap-va vtap0 02:00:00:00:01:30 192.168.1.30 fd00::30
inns pscap-va ip route add default dev vtap0; inns pscap-va ip -6 route add default dev vtap0
# IPv6 neighbour discovery only answers for addresses on the receiving interface, hence the copies
tapend pscap-srv vq0 02:00:00:00:01:33 fd00::33 route:192.168.1.30 route:fd00::30
tapend pscap-vc qtap0 02:00:00:00:02:50 10.10.0.50 fd00::50
inns pscap-vc ip route add default dev qtap0; inns pscap-vc ip -6 route add default dev qtap0
tapend pscap-out qq0 02:00:00:00:02:80 2001:db8::80 2001:db8::7 route:10.10.0.50 route:fd00::50
"$PY" "$LAB" relay --mode tap --a pscap-va:vtap0 --b pscap-srv:vq0 --trunk pscap-trunk:trunk0 \
    --tags 8100:10 --ready "$WORK/relay1.ready" & BG_PIDS+=($!)
"$PY" "$LAB" relay --mode tap --a pscap-vc:qtap0 --b pscap-out:qq0 --trunk pscap-trunk:trunk0 \
    --tags 88a8:100,8100:5 --ready "$WORK/relay2.ready" & BG_PIDS+=($!)
wait_file "$WORK/relay1.ready"; wait_file "$WORK/relay2.ready"
sleep 1
start_cap pscap-trunk trunk0 "$WORK/vlan.pcap"
sleep 0.3
lab pscap-va http --src 192.168.1.30 --dst 172.16.9.33 /hello /bin; jit
lab pscap-va dns --src 192.168.1.30 --dst 172.16.9.33 --name www.example --id 0x6666; jit
lab pscap-va tcp --src 192.168.1.30 --dst 172.16.9.33 --port 22 --send SSH-2.0-client; jit
lab pscap-va ping --src 192.168.1.30 --dst 172.16.9.33 --count 1 --hex deadbeef; jit
lab pscap-va http --src fd00::30 --dst fd00::33 /hello; jit
lab pscap-va ping --src fd00::30 --dst fd00::33 --count 1; jit
lab pscap-va udp --src 192.168.1.30 --dst 255.255.255.255 --port 67 --broadcast --text dhcp-discover-lookalike; jit
lab pscap-vc dns --src 10.10.0.50 --dst 198.51.100.7 --name www.example --id 0x7777; jit
lab pscap-vc http --src 10.10.0.50 --dst 203.0.113.80 /bin; jit
lab pscap-vc tcp --src 10.10.0.50 --dst 203.0.113.80 --port 443 --send client-hello; jit
lab pscap-vc ping --src 10.10.0.50 --dst 53.175.248.10 --count 2; jit
lab pscap-vc dns --src fd00::50 --dst 2001:db8::7 --name www.example --qtype AAAA --id 0x8888; jit
lab pscap-vc ping --src fd00::50 --dst 2001:db8::80 --count 1
stop_caps

########################################################################## phases D+E: tun (raw IP)
# pscap-ta (10.10.0.11, fd00::11: the same laptop as pscap-c1, now behind a tunnel) <-> pscap-out via a
# tun <-> tun relay. tcpdump on tun0 records LINKTYPE_RAW.
new_ns pscap-ta
inns pscap-ta ip tuntap add mode tun name tun0
inns pscap-ta ip addr add 10.10.0.11/32 dev tun0
inns pscap-ta ip -6 addr add fd00::11/128 dev tun0 nodad
inns pscap-ta ip link set tun0 up
inns pscap-ta ip route add default dev tun0
inns pscap-ta ip -6 route add default dev tun0
inns pscap-out ip tuntap add mode tun name tunb0
inns pscap-out ip link set tunb0 up
inns pscap-out ip route add 10.10.0.11/32 dev tunb0
inns pscap-out ip -6 route add fd00::11/128 dev tunb0
"$PY" "$LAB" relay --mode tun --a pscap-ta:tun0 --b pscap-out:tunb0 --ready "$WORK/relay3.ready" & BG_PIDS+=($!)
wait_file "$WORK/relay3.ready"
sleep 1
# D -> rawip.pcap
start_cap pscap-ta tun0 "$WORK/rawip.pcap"
sleep 0.3
lab pscap-ta http --src 10.10.0.11 --dst 203.0.113.80 /hello; jit
lab pscap-ta dns --src 10.10.0.11 --dst 198.51.100.7 --name evil.example --id 0x9999; jit
lab pscap-ta ping --src 10.10.0.11 --dst 53.175.248.10 --count 1; jit
lab pscap-ta ping --src fd00::11 --dst 2001:db8::80 --count 1 --hex deadbeef; jit
lab pscap-ta http --src fd00::11 --dst 2001:db8::80 /bin
stop_caps
# E -> bsd-loopback.pcap (converted from this LINKTYPE_RAW capture below)
start_cap pscap-ta tun0 "$WORK/bsd-src.pcap"
sleep 0.3
lab pscap-ta http --src fd00::11 --dst 2001:db8::80 /bin; jit
lab pscap-ta http --src 10.10.0.11 --dst 53.175.248.10 /hello; jit
lab pscap-ta dns --src 10.10.0.11 --dst 53.175.248.10 --name www.example --id 0xaaaa; jit
lab pscap-ta ping --src 10.10.0.11 --dst 198.51.100.7 --count 2 --hex deadbeef; jit
lab pscap-ta ping --src fd00::11 --dst 2001:db8::7 --count 1; jit
lab pscap-ta tcp --src fd00::11 --dst 2001:db8::80 --port 443 --send client-hello; jit
lab pscap-ta dns --src fd00::11 --dst 2001:db8::7 --name evil.example --qtype AAAA --id 0xbbbb; jit
lab pscap-ta http --src 10.10.0.11 --dst 203.0.113.80 /hello
stop_caps

########################################################################## outputs
mkdir -p "$OUT"
for f in ethernet.pcap nano.pcap snaplen64.pcap sll.pcap sll2.pcap vlan.pcap rawip.pcap; do
  cp "$WORK/$f" "$OUT/$f"
done
rm -f "$OUT/ethernet-nano.pcapng"
editcap -F pcapng "$WORK/nano.pcap" "$OUT/ethernet-nano.pcapng"
"$PY" "$HERE/derive-captures.py" --out "$OUT" --bsd-source "$WORK/bsd-src.pcap"
ls -l "$OUT"
echo "recorded into $OUT"
