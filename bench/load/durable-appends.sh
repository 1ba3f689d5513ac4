#!/usr/bin/env bash
# The ledger's durable appends beside pgbench on one PostgreSQL server, in one run: the ratios
# issue goals are stated in.
#
# Usage: bench/load/durable-appends.sh [SECONDS] [--threads]   (needs pgbench: apt-get install postgresql)
#
# Starts a private PostgreSQL server (Debian's postgresql-15 binaries, or those on PATH; fsync and
# synchronous_commit on, as installed; as root it runs them as the postgres user) on a loopback
# port. Then, each for SECONDS:
#   1. pgbench, single-row INSERT commits (a 560-byte bytea, a 32-byte hash, a timestamp, the size
#      of a ledger entry), 1 client and 64 clients;
#   2. pgbench, 100-row INSERT commits of the same rows, 64 clients;
#   3. org.sanctuary.bench.ledger.DurableAppends with 1, 64 and 512 writers, each appending a
#      decision-shaped entry and waiting for its commit (after a 20 s warm-up of all three), and
#      the batches each took; the writers hold no thread while they wait, as pgbench's clients
#      share its two threads (--threads: a thread per writer, blocked in each append);
#   4. pgbench 1 client again, so a drift of the machine during the run shows.
# It prints each figure and the three ratios, and the CPU a row of the 100-row floor and an append
# of the ledger (the server's, read from /proc inside each measured run, and the client's). Everything
# it started is stopped, and its folder removed, at the end. Traffic goes to 127.0.0.1 only.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-5}"
mode=()
[ "${2:-}" = --threads ] && mode=(--threads)
cd "$root"

[ -f app/target/sanctuary.jar ] && [ -d bench/target/classes ] || ./mvnw -q -B -DskipTests -pl bench -am package
cp="bench/target/classes:app/target/sanctuary.jar"

. bench/load/private-postgres.sh
trap private_postgres_stop EXIT
private_postgres_start 57000
psql -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE ledger" -c "CREATE DATABASE floor"
psql -h 127.0.0.1 -p "$pgport" -U postgres -d floor -qc \
  "CREATE TABLE row_floor (id bigserial PRIMARY KEY, data bytea NOT NULL, hash bytea NOT NULL, at timestamptz NOT NULL)"
echo "PostgreSQL: $("$pgbin/postgres" --version), port $pgport, fsync $(psql -h 127.0.0.1 -p "$pgport" -U postgres -Atc 'SHOW fsync')"
cat > "$work/one.sql" <<'SQL'
INSERT INTO row_floor (data, hash, at) VALUES (decode(repeat('ab', 560), 'hex'), sha256('x'), now());
SQL
cat > "$work/hundred.sql" <<'SQL'
INSERT INTO row_floor (data, hash, at) SELECT decode(repeat('ab', 560), 'hex'), sha256('x'), now() FROM generate_series(1, 100);
SQL

hz=$(getconf CLK_TCK)
. bench/load/cpu-ticks.sh
postmaster=$(head -1 "$work/pg/postmaster.pid")
pgbench_tps() { # clients script -> transactions per second; the CPU of its middle in $work/pgbench.cpu
  pgbench -n -h 127.0.0.1 -p "$pgport" -U postgres -f "$work/$2" -c "$1" -j 2 -T "$seconds" floor \
    > "$work/pgbench.out" 2>/dev/null &
  local b=$! s0 c0 t0 s1 c1 t1
  # inside the run, while every client's backend lives (a backend that ends takes its ticks along)
  sleep 1; s0=$(server_ticks "$postmaster"); c0=$(ticks $b); t0=$(date +%s%N)
  sleep "$(awk -v s="$seconds" 'BEGIN {print (s > 3 ? s - 2 : 1)}')"
  s1=$(server_ticks "$postmaster"); c1=$(ticks $b); t1=$(date +%s%N)
  wait $b
  echo "$((s1 - s0)) $((c1 - c0)) $((t1 - t0))" > "$work/pgbench.cpu"
  awk '/^tps/ {print int($3)}' "$work/pgbench.out"
}
one1=$(pgbench_tps 1 one.sql)
one64=$(pgbench_tps 64 one.sql)
hundred64=$(( $(pgbench_tps 64 hundred.sql) * 100 ))
read -r floor_server floor_client floor_nanos < "$work/pgbench.cpu"
echo "pgbench single-row commits, 1 client:   $one1 rows/s"
echo "pgbench single-row commits, 64 clients: $one64 rows/s"
echo "pgbench 100-row commits, 64 clients:    $hundred64 rows/s"

# the ledger's standard error, each measured run's start and end stamped with the server's CPU
stamp() {
  local line
  while IFS= read -r line; do
    case "$line" in
      "measuring writers="* | "writers="*) echo "$line server_ticks=$(server_ticks "$postmaster")" ;;
      *) echo "$line" ;;
    esac
  done
}
{ java -cp "$cp" org.sanctuary.bench.ledger.DurableAppends "${mode[@]}" \
    --db "jdbc:postgresql://127.0.0.1:$pgport/ledger?user=postgres" "$seconds" 1 64 512 2>&1 1>&3 \
    | stamp > "$work/appends.log"; } 3>&1 | tee "$work/appends.txt"
grep '^writers=.*batches=' "$work/appends.log" | sed 's/ server_ticks=.*//' || true # each run's batches and commit time
again=$(pgbench_tps 1 one.sql)
echo "pgbench single-row commits, 1 client, after: $again rows/s"

rate() { awk -v w="$1" '$1 == "writers=" w {split($4, a, "="); print a[2]}' "$work/appends.txt"; }
awk -v a="$(rate 1)" -v b="$(rate 64)" -v c="$(rate 512)" -v f1="$one1" -v f64="$one64" -v f100="$hundred64" 'BEGIN {
  printf "ledger 1 writer / pgbench 1 client:          %.2fx (goal >= 0.5)\n", a / f1
  printf "ledger 64 writers / pgbench 64 clients:      %.2fx (goal >= 4)\n", b / f64
  printf "ledger 512 writers / pgbench 100-row rows/s: %.2fx (goal >= 1)\n", c / f100
}'
# CPU a row of the 100-row floor, and an append of the ledger at each writer count: what the
# 512-writer goal asks of the node and the server together (bench/README.md, "The floor's CPU a row
# against the ledger's an entry")
awk -v s="$floor_server" -v c="$floor_client" -v n="$floor_nanos" -v r="$hundred64" -v hz="$hz" 'BEGIN {
  printf "CPU a row of pgbench 100-row commits: server %.1f us, pgbench %.1f us\n", s / hz / (n / 1e9) / r * 1e6, c / hz / (n / 1e9) / r * 1e6
}'
for w in 1 64 512; do
  awk -v w="$w" -v hz="$hz" -v appends="$(awk -v w="$w" '$1 == "writers=" w {split($2, a, "="); print a[2]}' "$work/appends.txt")" '
    $1 == "measuring" && $2 == "writers=" w {split($3, a, "="); start = a[2]}
    $1 == "writers=" w && / batches=/ {split($NF, a, "="); end = a[2]; for (i = 1; i <= NF; i++) if ($i ~ /^node_cpu=/) {split($i, b, "="); node = b[2]}}
    END {if (appends > 0) printf "CPU an append, %d writer%s: server %.1f us, the node with its writers %s us\n", w, (w == 1 ? "" : "s"), (end - start) / hz / appends * 1e6, node}' "$work/appends.log"
done
