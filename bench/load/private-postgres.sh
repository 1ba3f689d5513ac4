# Sourced by the load scripts: a private PostgreSQL server of their own, in a temporary folder, on a
# loopback port. Debian's postgresql-15 binaries, or those on PATH (PGBIN overrides); fsync as
# installed; as root the server runs as the postgres user.
#
#   private_postgres_start BASE_PORT   sets work (the folder), pgport (BASE_PORT + 0..999), pgbin
#   private_postgres_stop              stops the server and removes the folder
private_postgres_start() {
  pgbin="${PGBIN:-/usr/lib/postgresql/15/bin}"
  [ -x "$pgbin/initdb" ] || pgbin="$(dirname "$(command -v initdb)")"
  work="$(mktemp -d)"
  chmod 755 "$work"
  as_pg=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$work"
    as_pg=(runuser -u postgres --)
  fi
  pgport=$(( $1 + RANDOM % 1000 ))
  "${as_pg[@]}" "$pgbin/initdb" -D "$work/pg" -A trust -U postgres > "$work/initdb.log"
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
    -o "-p $pgport -k $work -c listen_addresses=127.0.0.1 -c max_connections=200" start > /dev/null
}

private_postgres_stop() {
  [ -n "${work:-}" ] || return 0
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -m fast stop > /dev/null 2>&1 || true
  rm -rf "$work"
}
