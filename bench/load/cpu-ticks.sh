# Sourced by the load scripts: CPU time in clock ticks (user and system), read from /proc.
#
#   ticks PID           of one process (0 once it has ended)
#   server_ticks PID    of a PostgreSQL server (its postmaster's PID) and every backend now running;
#                       a backend that has ended takes its ticks along, so read it while they live
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
server_ticks() {
  local s=0 p
  for p in "$1" $(pgrep -P "$1"); do s=$((s + $(ticks "$p"))); done
  echo "$s"
}
