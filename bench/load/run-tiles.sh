#!/usr/bin/env bash
# Load run on loopback: GET /healthz (the baseline) and GET of one full tile, same server, same run.
# Usage: bench/load/run-tiles.sh [SECONDS] [CONNECTIONS]   (needs wrk: apt-get install wrk)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-10}"
connections="${2:-16}"
port=18182
data="$(mktemp -d)"
cd "$root"
# recording needs a credential (anonymous calls are trials, which write no entry)
token="$(./sanctuary register token-add load-run --data "$data" | tail -1)"
./sanctuary serve --port "$port" --data "$data" > "$data/serve.log" 2>&1 &
pid=$!
# the server's exit status after the signal is not a failure of the run: the folder goes regardless
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break
  sleep 1
done
# 300 decisions in one call: 300 ledger entries, so tile 0 is full
request='{"received":"2019-07-15","receivingAgency":"CPD","requester":"ICE","kind":"DETAINER","basis":"ADMINISTRATIVE_WARRANT","purpose":"CIVIL_IMMIGRATION"}'
batch="[$(printf "$request,%.0s" $(seq 1 299))$request]"
curl -sf -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $token" -d "$batch" \
  "http://127.0.0.1:$port/api/v1/decisions"
tile="http://127.0.0.1:$port/tlog/tile/0/000"
[ "$(curl -s -o /dev/null -w '%{size_download}' "$tile")" = 8192 ] || { echo "tile 0 is not full" >&2; exit 1; }
# warm up both paths, then measure each for the same time with the same connections
wrk -t2 -c"$connections" -d3s "http://127.0.0.1:$port/healthz" > /dev/null
wrk -t2 -c"$connections" -d3s "$tile" > /dev/null
echo "== GET /healthz (baseline)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port/healthz" | tee "$data/healthz.txt"
echo "== GET /tlog/tile/0/000 (a full tile, 8 KiB)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency "$tile" | tee "$data/tile.txt"
h=$(awk '/Requests\/sec/ {print $2}' "$data/healthz.txt")
t=$(awk '/Requests\/sec/ {print $2}' "$data/tile.txt")
echo "tile/healthz request rate: $(awk -v t="$t" -v h="$h" 'BEGIN {printf "%.2f", t / h}')"
