#!/usr/bin/env bash
# Two Sanctuary nodes on one PostgreSQL server, mixed load on both, the loss of one of them.
#
# Usage: bench/load/two-nodes.sh [SECONDS] [CLIENTS_PER_NODE]
#
# Starts a private PostgreSQL server (Debian's postgresql-15 binaries, or those on PATH; as root
# it runs them as the postgres user) on a loopback port, two `serve --db URL` nodes sharing their
# keys, a records-system token and a gateway partner; then org.sanctuary.bench.load.TwoNodesLoad
# checks that one address's filing limit holds across both nodes, records decisions, asks for
# look-ups, files violation reports and reads pages on both nodes, kills node a (SIGKILL) at half
# time, and checks through node b that every acknowledged write is in the ledger with no gap;
# finally `ledger verify` checks the whole log. Everything it started is stopped, and its folder
# removed, at the end. Traffic goes to 127.0.0.1 only.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-20}"
clients="${2:-8}"
cd "$root"

if [ ! -f bench/target/classes/org/sanctuary/bench/load/TwoNodesLoad.class ] || [ ! -f app/target/sanctuary.jar ]; then
  ./mvnw -q -B -DskipTests -pl bench -am package
fi
# the application jar names its libraries in its manifest; app/target/lib may hold stale ones
cp="bench/target/classes:app/target/sanctuary.jar"

. bench/load/private-postgres.sh
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  private_postgres_stop
}
trap cleanup EXIT
private_postgres_start 56000
psql -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE sanctuary"
db="jdbc:postgresql://127.0.0.1:$pgport/sanctuary?user=postgres"
echo "PostgreSQL: $("$pgbin/postgres" --version), port $pgport"

mkdir -p "$work/a" "$work/b"
# shared keys; loopback is the nodes' trusted proxy, so each report's resident address is read
# from X-Forwarded-For (TwoNodesLoad gives every report an address of its own)
keys=(--ledger-key "$work/a/ledger.key" --incidents-key "$work/a/incidents.key" --trusted-proxy 127.0.0.1)
export SANCTUARY_STAFF_KEY_FILE="$work/a/staff.key"
token="$(java -cp "$cp" org.sanctuary.cli.Main register token-add two-nodes --data "$work/a" --db "$db" | tail -1)"
partner="$(java -cp "$cp" org.sanctuary.cli.Main gateway partner-add FBI --signed-by "Load Test" --until 2099-12-31 \
  --rate 100000 --burst 100000 --data "$work/a" --db "$db" | tail -1)"
key="${partner##*: }"

start_node() { # name port
  java -cp "$cp" org.sanctuary.cli.Main serve --port "$2" --data "$work/$1" --db "$db" "${keys[@]}" \
    > "$work/$1.out" 2> "$work/$1.log" &
  pids+=($!)
  eval "pid_$1=$!"
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$2/healthz" > /dev/null && return 0
    sleep 0.5
  done
  echo "node $1 did not start; its log:" >&2
  cat "$work/$1.log" >&2
  return 1
}
port_a=$(( pgport + 1000 ))
port_b=$(( pgport + 1001 ))
start_node a "$port_a"
start_node b "$port_b"
echo "nodes: a on $port_a (pid $pid_a), b on $port_b (pid $pid_b); $clients clients per node, ${seconds}s"

status=0
java -cp "$cp" org.sanctuary.bench.load.TwoNodesLoad "http://127.0.0.1:$port_a" "$pid_a" "http://127.0.0.1:$port_b" \
  "$token" "$key" "$seconds" "$clients" || status=$?
wait "$pid_a" 2>/dev/null || true
if java -cp "$cp" org.sanctuary.cli.Main ledger verify --db "$db" --ledger-key "$work/a/ledger.key"; then
  echo "ledger verify: passed"
else
  echo "ledger verify: FAILED"
  status=1
fi
server_errors=$(grep -c '\[ERROR\]' "$work/b.log" || true)
echo "node b logged $server_errors ERROR line(s)"
exit "$status"
