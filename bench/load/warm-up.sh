# Sourced by the load scripts: warms one path up before it is measured.
#
#   warm_up SECONDS CONNECTIONS wrk-arguments...
#
# Two runs of wrk, the second the last third of SECONDS (at most 20 s). When the first ends, every
# connection closes, and the server's compiled code meets paths it had not run (end of stream,
# reset), gives them up and compiles them again, which on two cores keeps a compiler thread busy
# for some 15 s; the second run lets that end before the measured run opens its connections.
warm_up() {
  local seconds=$1 connections=$2 settle
  shift 2
  settle=$(( seconds / 3 < 20 ? seconds / 3 : 20 ))
  wrk -t2 -c"$connections" -d"$((seconds - settle))s" "$@" > /dev/null 2>&1
  if [ "$settle" -gt 0 ]; then wrk -t2 -c"$connections" -d"${settle}s" "$@" > /dev/null 2>&1; fi
}
