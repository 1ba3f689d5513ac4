#!/usr/bin/env bash
# Gateway look-ups against recorded decisions and a single durable commit, on one PostgreSQL
# server, in one run.
#
# Usage: bench/load/run-lookups.sh [SECONDS] [CONNECTIONS] [WARMUP_SECONDS]   (needs wrk and pgbench:
#        apt-get install wrk postgresql)
#
# Starts a private PostgreSQL server (Debian's postgresql-15 binaries, or those on PATH; fsync on,
# as installed; as root it runs them as the postgres user) on a loopback port and one
# `serve --db URL` node, with a records-system token and a gateway partner (FBI, rate and burst
# 100,000, so the limit is checked on every look-up but never refuses). Then, each for the same
# time:
#   1. POST /api/v1/decisions, recorded, at CONNECTIONS (bench/load/decisions.lua);
#   2. POST /api/v1/gateway/query at CONNECTIONS (bench/load/lookups.lua);
#   3. GET /healthz on 1 connection: what HTTP and one database round trip cost alone;
#   4. pgbench, 1 client, one single-row INSERT per transaction: the latency of one durable
#      commit on this server (the floor of anything that must be in the ledger before it answers);
#   5. the look-ups of 2. on 1 connection, right after 4.: the latency of one look-up alone.
# It prints each and the ratios the goals are stated in. Everything it started is stopped, and its
# folder removed, at the end. Traffic goes to 127.0.0.1 only.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-10}"
connections="${2:-64}"
warmup="${3:-60}" # per path: the JIT compilers take that long to settle on two cores
cd "$root"

[ -f app/target/sanctuary.jar ] || ./mvnw -q -B -DskipTests -pl app -am package
cli=(java -cp "app/target/sanctuary.jar" org.sanctuary.cli.Main) # its manifest names the libraries

. bench/load/private-postgres.sh
pid=""
cleanup() {
  [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  private_postgres_stop
}
trap cleanup EXIT
private_postgres_start 57000
port=$(( pgport + 1000 ))
psql -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE sanctuary"
db="jdbc:postgresql://127.0.0.1:$pgport/sanctuary?user=postgres"
echo "PostgreSQL: $("$pgbin/postgres" --version), port $pgport, fsync $(psql -h 127.0.0.1 -p "$pgport" -U postgres -Atc 'SHOW fsync')"

mkdir -p "$work/node"
keys=(--ledger-key "$work/node/ledger.key" --incidents-key "$work/node/incidents.key")
export SANCTUARY_STAFF_KEY_FILE="$work/node/staff.key"
export SANCTUARY_LOAD_TOKEN="$("${cli[@]}" register token-add load-run --data "$work/node" --db "$db" | tail -1)"
partner="$("${cli[@]}" gateway partner-add FBI --signed-by "Load run" --until 2099-12-31 \
  --rate 100000 --burst 100000 --data "$work/node" --db "$db" | tail -1)"
export SANCTUARY_LOAD_KEY="${partner##*: }"

"${cli[@]}" serve --port "$port" --data "$work/node" --db "$db" "${keys[@]}" > "$work/serve.out" 2> "$work/serve.log" &
pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/healthz" > /dev/null || { echo "the node did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
url="http://127.0.0.1:$port"

# warm up both paths (JIT, pools, the gateway's copy of its directory), two runs of wrk each: see
# warm-up.sh
. bench/load/warm-up.sh
warm_up "$warmup" "$connections" -s bench/load/decisions.lua "$url"
warm_up "$warmup" "$connections" -s bench/load/lookups.lua "$url"

echo "== 1. POST /api/v1/decisions (recorded), $connections connections"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/load/decisions.lua "$url" 2> "$work/decisions.err" | tee "$work/decisions.txt"
echo "== 2. POST /api/v1/gateway/query, $connections connections"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/load/lookups.lua "$url" 2> "$work/lookups.err" | tee "$work/lookups.txt"
echo "== 3. GET /healthz, 1 connection"
wrk -t1 -c1 -d"${seconds}s" --latency "$url/healthz" | tee "$work/healthz1.txt"

echo "== 4. pgbench: 1 client, single-row INSERT, ${seconds}s (one durable commit each)"
psql -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE TABLE commit_floor (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), data bytea NOT NULL)" sanctuary
echo "INSERT INTO commit_floor (data) VALUES (convert_to(repeat('x', 300), 'UTF8'));" > "$work/insert.sql"
( cd "$work" && pgbench -h 127.0.0.1 -p "$pgport" -U postgres -n -c 1 -T "$seconds" -f insert.sql -l --log-prefix=floor sanctuary ) \
  > "$work/pgbench.txt" 2>&1
grep -E "^tps|latency average" "$work/pgbench.txt"
# per-transaction log: the third field is the latency in microseconds
floor_p50_ms=$(cat "$work"/floor* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)] / 1000}')
echo "commit p50: ${floor_p50_ms} ms"

echo "== 5. POST /api/v1/gateway/query, 1 connection"
wrk -t1 -c1 -d"${seconds}s" --latency -s bench/load/lookups.lua "$url" 2> "$work/lookup1.err" | tee "$work/lookup1.txt"

rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
# wrk prints "50%  1.23ms" (or us, s): in milliseconds
p50() { awk '$1 == "50%" {v = $2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; printf "%.3f", v}' "$1"; }
d=$(rate "$work/decisions.txt"); l=$(rate "$work/lookups.txt")
l1=$(p50 "$work/lookup1.txt"); l64=$(p50 "$work/lookups.txt")
bad=$(cat "$work"/decisions.err "$work"/lookups.err "$work"/lookup1.err | grep -c "unexpected status" || true)
echo
echo "look-ups/decisions request rate at $connections connections: $(awk -v l="$l" -v d="$d" 'BEGIN {printf "%.2f", l / d}') (goal >= 0.5)"
echo "look-up p50, 1 connection: $l1 ms; one durable commit p50: $floor_p50_ms ms; difference $(awk -v a="$l1" -v b="$floor_p50_ms" 'BEGIN {printf "%.3f", a - b}') ms (goal <= 1)"
echo "look-up p50, $connections connections: $l64 ms; GET /healthz p50, 1 connection: $(p50 "$work/healthz1.txt") ms"
echo "answers other than 200/201: $bad"
