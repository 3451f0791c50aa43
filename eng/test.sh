#!/usr/bin/env bash
# eng/test.sh: the project's one "run every test" command (CI runs it via .ci/run).
#
# What it does, in order:
#   1. Provisions throwaway servers on loopback only:
#        - a private PostgreSQL cluster (initdb into a temp dir, never the system cluster);
#        - a private RabbitMQ node (own node name, ports, epmd, data and log dirs).
#      Missing server packages are installed with apt-get (as root, or through sudo).
#   2. Exports their connection strings for the tests:
#        SSJ_TEST_POSTGRES, SSJ_TEST_RABBITMQ, and SSJ_TEST_REQUIRE_SERVERS=1
#        (tests must then fail, not skip, when they cannot connect).
#      Also makes sure Debian's Chromium (and a CJK font for readable screenshots)
#      is installed for the dashboard's browser tests, and exports its path as
#      SSJ_TEST_CHROMIUM. Playwright never downloads a browser of its own.
#   3. Builds the solution (Release), then runs `dotnet test --no-build`;
#      extra arguments to this script go to `dotnet test`.
#   4. Prints a TOTAL line summed over every TRX file of this run.
#   5. Stops both servers and removes their temp dirs on any exit
#      (success, failure or Ctrl-C).
# The exit code is the build's when the build fails, otherwise dotnet test's.
#
# Environment knobs:
#   SSJ_TEST_SKIP_SERVERS=1    no servers: quick local runs; tests needing them skip.
#   SSJ_TEST_EXEC="command"    provision, then run this command (with the variables
#                              above exported) instead of building and testing, and
#                              clean up; e.g. a benchmark against the real broker:
#                              SSJ_TEST_EXEC='dotnet run -c Release --project
#                              tests/ShuangSuiJi.Benchmarks -- exchange --rabbitmq
#                              "$SSJ_TEST_RABBITMQ"' ./eng/test.sh
#   SSJ_TEST_PROVISION_ONLY=1  provision, print the variables, check both servers
#                              with a real client, clean up, exit. No build, no tests.
#   SSJ_TEST_PG_PORT, SSJ_TEST_RABBIT_PORT, SSJ_TEST_RABBIT_DIST_PORT,
#   SSJ_TEST_EPMD_PORT         first port to try for each (the next free one is used).
#
# Safe to run twice in a row, or twice at once: every run gets its own temp dirs,
# ports and node name, and cleanup only touches processes it started.

# The cleanup functions only run from the EXIT trap, which shellcheck cannot see.
# shellcheck disable=SC2317

set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"

# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

banner() { printf '\n== %s\n' "$*"; }
info()   { printf '   %s\n' "$*"; }
die()    { printf '\nerror: %s\n' "$*" >&2; exit 1; }

# Commands that need root: run directly as root, through sudo otherwise.
if [ "$(id -u)" -eq 0 ]; then
  IS_ROOT=1
  AS_ROOT=()
else
  IS_ROOT=0
  AS_ROOT=(sudo)
fi

need_root_for() {
  if [ "$IS_ROOT" -eq 0 ] && ! command -v sudo >/dev/null 2>&1; then
    die "$1 needs root, and this user is not root and has no sudo"
  fi
}

# State read by cleanup(). Every variable starts defined, because `set -u` is on
# and cleanup may run after a failure at any point.
PG_BASE=""          # temp dir: data dir, unix socket, server log
PG_DATA=""
PG_BIN=""
PG_RUN=()           # prefix running PostgreSQL tools as the right OS user
PG_STARTED=0
PG_PORT=""
RMQ_BASE=""         # temp dir: HOME with the Erlang cookie, mnesia, logs, config
RMQ_BIN=""
RMQ_ENV=()          # env for every RabbitMQ command; never exported to the tests
RMQ_TAG=""          # marker in the environment of every process of our node
RMQ_PID=""
POLICY_RC_CREATED=0 # we wrote /usr/sbin/policy-rc.d and must remove it
RESERVED_PORTS=" "  # ports already handed out by this run
CLEANED=0

# ---------------------------------------------------------------------------
# Cleanup: stops whatever this run started, and only that. Runs on every exit.
# ---------------------------------------------------------------------------

# PIDs of processes whose environment holds our RabbitMQ marker: the node's
# beam.smp, its epmd, helpers, and any CLI tool still running. Reading
# /proc/<pid>/environ needs no extra tools (no pgrep/ss on a minimal Debian).
rabbit_pids() {
  local dir pid
  [ -n "$RMQ_TAG" ] || return 0
  for dir in /proc/[0-9]*; do
    pid="${dir#/proc/}"
    [ "$pid" = "$$" ] && continue
    if grep -qzxF "SSJ_TEST_RABBIT_TAG=$RMQ_TAG" "$dir/environ" 2>/dev/null; then
      printf '%s\n' "$pid"
    fi
  done
}

stop_rabbitmq() {
  local pids i
  [ -n "$RMQ_TAG" ] || return 0
  if [ -n "$RMQ_PID" ] && kill -0 "$RMQ_PID" 2>/dev/null; then
    info "stopping RabbitMQ node"
    env "${RMQ_ENV[@]}" timeout 60 "$RMQ_BIN/rabbitmqctl" -q stop >/dev/null 2>&1 || true
    for i in $(seq 1 30); do
      kill -0 "$RMQ_PID" 2>/dev/null || break
      sleep 0.5
    done
  fi
  # The node's epmd (on our private port) outlives the node; ask it to exit.
  if command -v epmd >/dev/null 2>&1; then
    env "${RMQ_ENV[@]}" timeout 10 epmd -kill >/dev/null 2>&1 || true
  fi
  # Anything of ours still alive (a hung node, epmd, a CLI tool): TERM, then KILL.
  pids="$(rabbit_pids)"
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086 # one PID per word
    kill -TERM $pids 2>/dev/null || true
    for i in $(seq 1 20); do
      pids="$(rabbit_pids)"
      [ -z "$pids" ] && break
      sleep 0.25
    done
    if [ -n "$pids" ]; then
      # shellcheck disable=SC2086
      kill -KILL $pids 2>/dev/null || true
    fi
  fi
  if [ -n "$RMQ_PID" ]; then
    wait "$RMQ_PID" 2>/dev/null || true
  fi
}

stop_postgres() {
  local pid
  if [ "$PG_STARTED" -eq 1 ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    info "stopping PostgreSQL"
    (cd "$PG_BASE" && "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop) \
      >/dev/null 2>&1 || true
    # If pg_ctl could not stop it, kill the postmaster (first line of its pid file).
    if [ -f "$PG_DATA/postmaster.pid" ]; then
      pid="$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)"
      if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -QUIT "$pid" 2>/dev/null || true  # SIGQUIT = immediate shutdown
        sleep 1
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
  fi
}

remove_policy_rc() {
  if [ "$POLICY_RC_CREATED" -eq 1 ]; then
    "${AS_ROOT[@]}" rm -f /usr/sbin/policy-rc.d || true
    POLICY_RC_CREATED=0
  fi
}

# Stops the servers and removes the temp dirs; safe to call more than once.
teardown() {
  [ "$CLEANED" -eq 1 ] && return 0
  CLEANED=1
  if [ -n "$RMQ_BASE$PG_BASE" ] || [ "$POLICY_RC_CREATED" -eq 1 ]; then
    banner "cleaning up"
  fi
  remove_policy_rc
  stop_rabbitmq
  stop_postgres
  [ -n "$RMQ_BASE" ] && rm -rf "$RMQ_BASE"
  [ -n "$PG_BASE" ] && rm -rf "$PG_BASE"
  return 0
}

cleanup() {
  local rc=$?
  set +e
  teardown
  exit "$rc"
}
trap cleanup EXIT
# Turn signals into a normal exit so the EXIT trap runs (130 = Ctrl-C).
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# ---------------------------------------------------------------------------
# Package installation and free ports
# ---------------------------------------------------------------------------

# apt_install SERVICE PACKAGE...: installs with apt-get without letting the
# package start its system service. `apt-get update` only runs when the plain
# install fails (fresh images ship no package lists; a warm machine needs no update).
apt_install() {
  local service="$1"; shift
  local rc=0
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $* by hand"
  need_root_for "installing $*"
  # policy-rc.d answering 101 tells invoke-rc.d / deb-systemd-invoke not to start
  # services. Only written when absent, and only that file is removed afterwards.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    POLICY_RC_CREATED=1
    printf '#!/bin/sh\n# temporary, written by eng/test.sh\nexit 101\n' \
      | "${AS_ROOT[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${AS_ROOT[@]}" chmod 755 /usr/sbin/policy-rc.d
  fi
  local apt=("${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q
             -o DPkg::Lock::Timeout=300 -y --no-install-recommends)
  if ! "${apt[@]}" install "$@"; then
    info "install failed; running apt-get update and retrying"
    "${AS_ROOT[@]}" apt-get -q -o DPkg::Lock::Timeout=300 update || rc=$?
    [ "$rc" -eq 0 ] && { "${apt[@]}" install "$@" || rc=$?; }
  fi
  remove_policy_rc
  [ "$rc" -eq 0 ] || die "apt-get install $* failed (exit $rc)"
  # Belt and braces for systemd hosts: if the system service started anyway (a
  # pre-existing policy-rc.d that allows it), stop it; our servers never use it.
  # Without systemd, policy-rc.d is the only guard: `service X status` is not
  # used to check, because Debian's rabbitmq-server init script answers it by
  # running rabbitmqctl, which leaves a system-wide epmd running on port 4369.
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    if systemctl is-active --quiet "$service" 2>/dev/null; then
      info "stopping system service $service started by the package"
      "${AS_ROOT[@]}" systemctl stop "$service" || true
    fi
  fi
}

# True when something accepts TCP connections on 127.0.0.1:PORT. Uses bash's
# /dev/tcp, so no ss/netstat is needed.
port_in_use() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# pick_port START: sets PICKED to the first port >= START that is free and not
# yet handed out by this run.
PICKED=""
pick_port() {
  local p="$1" tries=0
  while [ "$tries" -lt 500 ]; do
    if [[ "$RESERVED_PORTS" != *" $p "* ]] && ! port_in_use "$p"; then
      RESERVED_PORTS="$RESERVED_PORTS$p "
      PICKED="$p"
      return 0
    fi
    p=$((p + 1)); tries=$((tries + 1))
  done
  die "no free TCP port found from $1 upward"
}

# Two runs at once (two checkouts, say) would both see the default ports free
# before either server has bound them. A machine-wide lock held from the first
# port pick until both servers listen serialises that window; the second run
# then finds the ports taken and moves up. Skipped where flock is missing.
PROVISION_LOCK_FD=""
take_provision_lock() {
  local lock="/tmp/ssj-test-provision.lock"
  command -v flock >/dev/null 2>&1 || return 0
  [ -e "$lock" ] || (umask 000 && : >>"$lock") 2>/dev/null || true
  [ -r "$lock" ] || return 0
  # (A redirection on a bare `exec` would stay for the whole script: keep the
  # 2>/dev/null on the group instead.)
  { exec {PROVISION_LOCK_FD}<"$lock"; } 2>/dev/null || { PROVISION_LOCK_FD=""; return 0; }
  if ! flock -n "$PROVISION_LOCK_FD"; then
    info "another run is provisioning; waiting for it (up to 5 min)"
    flock -w 300 "$PROVISION_LOCK_FD" || die "timed out waiting for $lock"
  fi
}
release_provision_lock() {
  [ -n "$PROVISION_LOCK_FD" ] || return 0
  flock -u "$PROVISION_LOCK_FD" || true
  exec {PROVISION_LOCK_FD}<&-
  PROVISION_LOCK_FD=""
}

# ---------------------------------------------------------------------------
# PostgreSQL: a private throwaway cluster
# ---------------------------------------------------------------------------

# Sets PG_BIN to a directory holding initdb and pg_ctl: PostgreSQL 15 when
# present, else the newest installed version, else whatever is on PATH.
find_pg_bin() {
  local d
  PG_BIN=""
  for d in /usr/lib/postgresql/15/bin \
           $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then PG_BIN="$d"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    PG_BIN="$(dirname "$(command -v pg_ctl)")"
    return 0
  fi
  return 1
}

provision_postgres() {
  banner "provisioning PostgreSQL"
  if ! find_pg_bin; then
    info "initdb/pg_ctl not found; installing PostgreSQL with apt-get"
    apt_install postgresql postgresql
    find_pg_bin || die "PostgreSQL installed, but initdb/pg_ctl are still not found"
  fi
  info "binaries: $PG_BIN ($("$PG_BIN/pg_ctl" --version))"

  if [ "$IS_ROOT" -eq 1 ]; then
    # initdb and pg_ctl refuse to run as root: run them as the postgres OS user,
    # in a dir under /tmp that user can reach, which it owns.
    id postgres >/dev/null 2>&1 || die "no 'postgres' OS user to run the server as"
    command -v runuser >/dev/null 2>&1 || die "runuser not found (package util-linux)"
    PG_RUN=(runuser -u postgres --)
    PG_BASE="$(mktemp -d /tmp/ssj-pg.XXXXXXXX)"
    chown postgres: "$PG_BASE"
  else
    PG_RUN=()
    PG_BASE="$(mktemp -d -t ssj-pg.XXXXXXXX)"
  fi
  PG_DATA="$PG_BASE/data"

  # Throwaway cluster: trust auth on loopback. C.UTF-8 ships with glibc on
  # Debian 12; plain C is the fallback where it does not.
  if ! (cd "$PG_BASE" && "${PG_RUN[@]}" "$PG_BIN/initdb" -D "$PG_DATA" --auth=trust \
          -U postgres --encoding=UTF8 --locale=C.UTF-8) >"$PG_BASE/initdb.log" 2>&1; then
    info "initdb with C.UTF-8 failed; retrying with --locale=C"
    rm -rf "$PG_DATA"
    (cd "$PG_BASE" && "${PG_RUN[@]}" "$PG_BIN/initdb" -D "$PG_DATA" --auth=trust \
        -U postgres --encoding=UTF8 --locale=C) >>"$PG_BASE/initdb.log" 2>&1 \
      || { cat "$PG_BASE/initdb.log" >&2; die "initdb failed"; }
  fi

  pick_port "${SSJ_TEST_PG_PORT:-55432}"
  PG_PORT="$PICKED"
  # TCP on 127.0.0.1 only; the unix socket goes in our temp dir, not /var/run.
  # Durability is off: the cluster is deleted when the run ends.
  PG_STARTED=1
  if ! (cd "$PG_BASE" && "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" \
          -l "$PG_BASE/postgres.log" -w -t 60 \
          -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k '$PG_BASE' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
          start) >/dev/null; then
    tail -n 30 "$PG_BASE/postgres.log" >&2 || true
    die "PostgreSQL did not start (server log above)"
  fi
  info "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$PG_PORT"
  export SSJ_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=postgres"
}

# ---------------------------------------------------------------------------
# RabbitMQ: a private node with its own name, ports, epmd and data
# ---------------------------------------------------------------------------

# Sets RMQ_BIN to the directory of RabbitMQ's own scripts (rabbitmq-server,
# rabbitmqctl, rabbitmq-diagnostics next to rabbitmq-env). Debian's
# /usr/sbin/rabbitmq-server is a wrapper that switches to the rabbitmq user
# with `su`, which resets HOME and so loses our cookie: bypass it.
find_rabbit_bin() {
  local c candidates=(/usr/lib/rabbitmq/bin)
  if command -v rabbitmq-server >/dev/null 2>&1; then
    candidates+=("$(dirname "$(readlink -f "$(command -v rabbitmq-server)")")")
  fi
  for c in "${candidates[@]}"; do
    if [ -x "$c/rabbitmq-server" ] && [ -x "$c/rabbitmqctl" ] \
       && [ -x "$c/rabbitmq-diagnostics" ] && [ -e "$c/rabbitmq-env" ]; then
      RMQ_BIN="$c"
      return 0
    fi
  done
  return 1
}

provision_rabbitmq() {
  local i cookie rmq_port dist_port epmd_port deadline up=0
  banner "provisioning RabbitMQ"
  if ! find_rabbit_bin; then
    info "rabbitmq-server not found; installing it with apt-get"
    apt_install rabbitmq-server rabbitmq-server
    find_rabbit_bin || die "rabbitmq-server installed, but its scripts are not found"
  fi
  info "scripts: $RMQ_BIN"

  RMQ_BASE="$(mktemp -d -t ssj-rmq.XXXXXXXX)"
  RMQ_TAG="$$-$(basename "$RMQ_BASE")"
  mkdir -p "$RMQ_BASE/mnesia" "$RMQ_BASE/log"

  pick_port "${SSJ_TEST_RABBIT_PORT:-56720}";      rmq_port="$PICKED"
  pick_port "${SSJ_TEST_RABBIT_DIST_PORT:-56721}"; dist_port="$PICKED"
  pick_port "${SSJ_TEST_EPMD_PORT:-56722}";        epmd_port="$PICKED"

  # Erlang distribution cookie: the node and the CLI tools read it from
  # $HOME/.erlang.cookie, which Erlang requires to be mode 400.
  cookie="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  printf '%s' "$cookie" >"$RMQ_BASE/.erlang.cookie"
  chmod 400 "$RMQ_BASE/.erlang.cookie"

  # No plugins, so no management listener; guest/guest may log in from loopback.
  printf '[].\n' >"$RMQ_BASE/enabled_plugins"
  cat >"$RMQ_BASE/rabbitmq.conf" <<EOF
# Throwaway test node, written by eng/test.sh.
listeners.tcp.default = 127.0.0.1:$rmq_port
loopback_users = none
# The management plugin is not enabled (enabled_plugins is empty): no HTTP listener.
EOF
  : >"$RMQ_BASE/rabbitmq-env.conf"   # empty: ignore the system rabbitmq-env.conf

  RMQ_ENV=(
    HOME="$RMQ_BASE"
    SSJ_TEST_RABBIT_TAG="$RMQ_TAG"
    RABBITMQ_NODENAME="ssjtest$$@localhost"
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    RABBITMQ_NODE_PORT="$rmq_port"
    RABBITMQ_DIST_PORT="$dist_port"
    ERL_EPMD_PORT="$epmd_port"
    ERL_EPMD_ADDRESS=127.0.0.1
    RABBITMQ_MNESIA_BASE="$RMQ_BASE/mnesia"
    RABBITMQ_LOG_BASE="$RMQ_BASE/log"
    RABBITMQ_CONFIG_FILE="$RMQ_BASE/rabbitmq.conf"
    RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_BASE/advanced.config"
    RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_BASE/enabled_plugins"
    RABBITMQ_CONF_ENV_FILE="$RMQ_BASE/rabbitmq-env.conf"
    RABBITMQ_PID_FILE="$RMQ_BASE/rabbitmq.pid"
    # Erlang distribution (node and CLI tools) on loopback only.
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  )

  # Runs as the current user (root is fine when the wrapper is bypassed).
  env "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmq-server" \
    >"$RMQ_BASE/server.out" 2>&1 </dev/null &
  RMQ_PID=$!

  # Ready = the node answers a ping and the AMQP port accepts connections.
  info "waiting for node ssjtest$$@localhost (up to 90 s)"
  deadline=$((SECONDS + 90))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$RMQ_PID" 2>/dev/null; then
      break
    fi
    if env "${RMQ_ENV[@]}" timeout 20 "$RMQ_BIN/rabbitmq-diagnostics" -q ping >/dev/null 2>&1 \
       && port_in_use "$rmq_port" && kill -0 "$RMQ_PID" 2>/dev/null; then
      up=1
      break
    fi
    sleep 1
  done
  if [ "$up" -ne 1 ]; then
    printf -- '--- rabbitmq-server output ---\n' >&2
    tail -n 40 "$RMQ_BASE/server.out" >&2 || true
    for i in "$RMQ_BASE"/log/*.log; do
      [ -f "$i" ] || continue
      printf -- '--- %s ---\n' "$(basename "$i")" >&2
      tail -n 40 "$i" >&2
    done
    die "RabbitMQ did not come up (output above)"
  fi
  info "RabbitMQ $(env "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmqctl" -q version 2>/dev/null || echo '?') listening on 127.0.0.1:$rmq_port"
  export SSJ_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$rmq_port/"

  # A broker restart on demand, for the scale-out test: stop and start the RabbitMQ
  # application on this node (connections drop, durable queues and persistent
  # messages stay), as an operator's restart would.
  {
    printf '#!/usr/bin/env bash\nset -eu\n'
    printf 'env %s %q -q stop_app\n' "$(printf '%q ' "${RMQ_ENV[@]}")" "$RMQ_BIN/rabbitmqctl"
    printf 'sleep 2\n'
    printf 'env %s %q -q start_app\n' "$(printf '%q ' "${RMQ_ENV[@]}")" "$RMQ_BIN/rabbitmqctl"
  } >"$RMQ_BASE/restart.sh"
  chmod +x "$RMQ_BASE/restart.sh"
  export SSJ_TEST_RABBITMQ_RESTART="$RMQ_BASE/restart.sh"
}

# ---------------------------------------------------------------------------
# Chromium: the browser the dashboard's Playwright tests drive
# ---------------------------------------------------------------------------

provision_chromium() {
  local missing=()
  banner "provisioning Chromium"
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  # A font with Chinese glyphs, or the screenshots show boxes (the tests pass either way).
  if command -v dpkg-query >/dev/null 2>&1 \
     && ! dpkg-query -W -f='${Status}' fonts-wqy-zenhei 2>/dev/null | grep -q 'install ok installed'; then
    missing+=(fonts-wqy-zenhei)
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    info "installing ${missing[*]} with apt-get"
    apt_install chromium "${missing[@]}"
  fi
  command -v chromium >/dev/null 2>&1 || die "chromium installed, but not found on PATH"
  SSJ_TEST_CHROMIUM="$(command -v chromium)"
  export SSJ_TEST_CHROMIUM
  info "$("$SSJ_TEST_CHROMIUM" --version 2>/dev/null | head -n 1) at $SSJ_TEST_CHROMIUM"
}

# ---------------------------------------------------------------------------
# Provision-only self-check (SSJ_TEST_PROVISION_ONLY=1)
# ---------------------------------------------------------------------------

provision_self_check() {
  banner "checking the servers (SSJ_TEST_PROVISION_ONLY=1)"
  printf 'SSJ_TEST_POSTGRES=%s\n' "$SSJ_TEST_POSTGRES"
  printf 'SSJ_TEST_RABBITMQ=%s\n' "$SSJ_TEST_RABBITMQ"
  printf 'SSJ_TEST_REQUIRE_SERVERS=%s\n' "$SSJ_TEST_REQUIRE_SERVERS"
  printf 'SSJ_TEST_CHROMIUM=%s\n' "$SSJ_TEST_CHROMIUM"
  # Over TCP (-h 127.0.0.1), exactly as the tests connect.
  PGCONNECT_TIMEOUT=10 "$PG_BIN/psql" -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 -Atc 'select version()'
  env "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmq-diagnostics" -q ping
  env "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmq-diagnostics" -q check_port_connectivity
  env "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmq-diagnostics" -q listeners
  info "both servers answer"
}

# ---------------------------------------------------------------------------
# Test summary from the TRX files
# ---------------------------------------------------------------------------

# Prints the sum of the <Counters> of every TRX file directly in $1.
print_trx_total() {
  local dir="$1" f counters total=0 passed=0 failed=0 skipped=0 n=0
  # attr NAME: the value of counter NAME in $counters, 0 when absent.
  attr() {
    local v
    v="$(printf '%s' "$counters" | sed -nE "s/.* $1=\"([0-9]+)\".*/\\1/p")"
    printf '%s' "${v:-0}"
  }
  while IFS= read -r f; do
    counters="$(grep -o '<Counters [^>]*>' "$f" | head -n 1 || true)"
    [ -n "$counters" ] || continue
    n=$((n + 1))
    total=$((total + $(attr total)))
    passed=$((passed + $(attr passed)))
    failed=$((failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
    # VSTest counts a skipped test in total but not in executed (its notExecuted
    # counter stays 0), so skipped = total - executed.
    skipped=$((skipped + $(attr total) - $(attr executed)))
  done < <(find "$dir" -maxdepth 1 -name '*.trx' -type f 2>/dev/null | sort)
  banner "summary ($n TRX file(s) in TestResults/)"
  printf 'TOTAL: %d tests, %d passed, %d failed, %d skipped\n' "$total" "$passed" "$failed" "$skipped"
  # The same counts in the plain "N passed, N failed" form, alone on the last line.
  printf 'Tests: %d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
}

# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

if [ "${SSJ_TEST_SKIP_SERVERS:-0}" = "1" ]; then
  banner "SSJ_TEST_SKIP_SERVERS=1: no PostgreSQL/RabbitMQ; tests that need them will skip"
  [ "${SSJ_TEST_PROVISION_ONLY:-0}" = "1" ] && die "SSJ_TEST_PROVISION_ONLY=1 and SSJ_TEST_SKIP_SERVERS=1 contradict each other"
else
  PROVISION_START=$SECONDS
  take_provision_lock
  provision_postgres
  provision_rabbitmq
  release_provision_lock
  provision_chromium
  export SSJ_TEST_REQUIRE_SERVERS=1
  info "servers ready in $((SECONDS - PROVISION_START)) s"
  if [ "${SSJ_TEST_PROVISION_ONLY:-0}" = "1" ]; then
    provision_self_check
    exit 0
  fi
fi

if [ -n "${SSJ_TEST_EXEC:-}" ]; then
  banner "running SSJ_TEST_EXEC against the provisioned servers"
  exec_rc=0
  bash -c "$SSJ_TEST_EXEC" || exec_rc=$?
  exit "$exec_rc"
fi

command -v dotnet >/dev/null 2>&1 || die "dotnet (the .NET SDK) is not on PATH"
SLN=""
for candidate in ShuangSuiJi.sln ShuangSuiJi.slnx; do
  if [ -f "$ROOT/$candidate" ]; then SLN="$candidate"; break; fi
done
[ -n "$SLN" ] || die "no ShuangSuiJi.sln (or .slnx) at the repo root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

banner "building $SLN (Release)"
build_rc=0
dotnet build "$SLN" -c Release || build_rc=$?
if [ "$build_rc" -ne 0 ]; then
  printf '\nerror: build failed (exit %d); no tests were run\n' "$build_rc" >&2
  exit "$build_rc"
fi

# TRX files of earlier runs would be counted again: remove them first.
mkdir -p "$ROOT/TestResults"
find "$ROOT/TestResults" -maxdepth 1 -name '*.trx' -type f -delete

banner "running tests"
# LogFilePrefix, not LogFileName: with a fixed LogFileName every test project of
# the solution writes the same file and only the last one survives. The prefix
# gets the target framework and a timestamp appended, one file per project.
test_rc=0
dotnet test "$SLN" -c Release --no-build \
  --logger "console;verbosity=minimal" \
  --logger "trx;LogFilePrefix=results" \
  --results-directory "$ROOT/TestResults" \
  "$@" || test_rc=$?

# Stop the servers now (the EXIT trap would too) so that the summary below is
# the last thing printed.
teardown
print_trx_total "$ROOT/TestResults"
exit "$test_rc"
