#!/usr/bin/env bash
# Load run on loopback: GET /healthz (the baseline) and POST /api/v1/decisions, same server, same run.
# Usage: bench/load/run-decisions.sh [SECONDS] [CONNECTIONS] [WARMUP_SECONDS]   (needs wrk: apt-get install wrk)
# Each path is warmed up for WARMUP_SECONDS (default 60) first: on two cores the JIT compilers
# take that long to settle, and a shorter warm-up measures them rather than the server. After each
# path it prints the CPU a request of the node, of its embedded PostgreSQL and of wrk (from /proc),
# and at the end what a decision costs in all against what the goal of 0.5x allows it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-10}"
connections="${2:-16}"
warmup="${3:-60}"
port=18181
data="$(mktemp -d)"
cd "$root"
# recording needs a credential (anonymous calls are trials): a records-system token for the run
export SANCTUARY_LOAD_TOKEN="$(./sanctuary register token-add load-run --data "$data" | tail -1)"
./sanctuary serve --port "$port" --data "$data" > "$data/serve.log" 2>&1 &
pid=$!
# the server's exit status after the signal is not a failure of the run: the folder goes regardless
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break
  sleep 1
done
# CPU time in clock ticks of the node (the java process) and of its embedded PostgreSQL (the
# server process started on the data folder and its children), read from /proc
. bench/load/cpu-ticks.sh
cpu() { echo "$(ticks "$pid") $(server_ticks "$postmaster")"; }
# warm up both paths (two runs of wrk each: see warm-up.sh), then measure each for the same time
# with the same connections
. bench/load/warm-up.sh
warm_up "$warmup" "$connections" "http://127.0.0.1:$port/healthz"
warm_up "$warmup" "$connections" -s bench/load/decisions.lua "http://127.0.0.1:$port"
postmaster=$(pgrep -f -- "-D $data/postgres " | head -1 || true)
[ -n "$postmaster" ] || { echo "the embedded PostgreSQL of $data was not found" >&2; exit 1; }
# CPU time in clock ticks of this shell's finished children (wrk, once it has exited), from /proc
children() { awk '{print $16 + $17}' "/proc/$$/stat"; }
measure() { # name wrk-arguments...: runs wrk, then prints the CPU a request of the node, of PostgreSQL and of wrk
  local name=$1 n0 p0 w0 n1 p1 w1 requests
  shift
  read -r n0 p0 < <(cpu)
  w0=$(children)
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" | tee "$data/$name.txt"
  read -r n1 p1 < <(cpu)
  w1=$(children)
  requests=$(awk '/requests in/ {print $1}' "$data/$name.txt")
  awk -v n=$((n1 - n0)) -v p=$((p1 - p0)) -v w=$((w1 - w0)) -v r="$requests" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "CPU a request: node %.0f us, PostgreSQL %.0f us, wrk %.0f us\n", n * 1e6 / hz / r, p * 1e6 / hz / r, w * 1e6 / hz / r}' \
    | tee "$data/$name.cpu"
}
echo "== GET /healthz (baseline)"
measure healthz "http://127.0.0.1:$port/healthz"
echo "== POST /api/v1/decisions"
measure decisions -s bench/load/decisions.lua "http://127.0.0.1:$port"
h=$(awk '/Requests\/sec/ {print $2}' "$data/healthz.txt")
d=$(awk '/Requests\/sec/ {print $2}' "$data/decisions.txt")
echo "decisions/healthz request rate: $(awk -v d="$d" -v h="$h" 'BEGIN {printf "%.2f", d / h}')"
# the goal as a budget: with the cores as busy, 0.5x lets a decision cost twice a /healthz request
# in all (bench/README.md, "The two goals not met, as CPU budgets")
total() { awk '{print $5 + $8 + $11}' "$data/$1.cpu"; }
echo "CPU a request in all: decision $(total decisions) us, /healthz $(total healthz) us (0.5x allows a decision $(( $(total healthz) * 2 )) us)"
