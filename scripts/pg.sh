#!/usr/bin/env bash
# A private PostgreSQL 15 server for the tests and benchmarks, from Debian's postgresql-15 binaries: its own
# cluster in a directory of its own, on loopback only, never the system's postgresql service.
#
#   scripts/pg.sh start DIR [PORT]    create a fresh cluster in DIR (missing or empty), start it on
#                                     127.0.0.1:PORT (default: a free port) and print its URL on stdout,
#                                     one line: postgresql://telecentres@127.0.0.1:PORT/telecentres
#                                     Already running in DIR: prints the same URL again.
#   scripts/pg.sh createdb DIR NAME   create the database NAME (owned by the role telecentres, from
#                                     template0) and print its URL; fails if NAME already exists.
#   scripts/pg.sh url DIR [NAME]      print the URL of the cluster's database (telecentres by default).
#   scripts/pg.sh stop DIR            fast shutdown, then remove DIR. Nothing to do when DIR is gone, so it
#                                     fits an EXIT trap. Refuses to remove a directory that pg.sh did not make.
#
# Typical use:
#   pg_dir=$(mktemp -d); trap 'scripts/pg.sh stop "$pg_dir"' EXIT
#   url=$(scripts/pg.sh start "$pg_dir")
#
# The cluster: initdb --locale=C --encoding=UTF8 (text sorts by bytes, as in SQLite), trust authentication on
# its unix socket (DIR/run) and 127.0.0.1 only, fsync on (the tests check durability), max_connections 200,
# shared_buffers 128MB, server log in DIR/postgres.log. The superuser is `postgres`; the tests connect as the
# role `telecentres` (LOGIN CREATEDB, owner of its databases, not a superuser, as in production). The URL names
# the user and 127.0.0.1, so libpq needs neither the caller's user name nor a socket path, as root or not.
# As root, the server runs as the `postgres` system user (PostgreSQL refuses to run as root) and DIR is given
# to it; otherwise it runs as the caller. Binaries: /usr/lib/postgresql/15/bin, or $TELECENTRES_PG_BIN.
# Messages go to stderr; stdout carries the URL only.
set -euo pipefail

pg_bin="${TELECENTRES_PG_BIN:-/usr/lib/postgresql/15/bin}"
role=telecentres
state_file=pg.sh.state  # marks DIR as made by this script; holds the port

die() {
  echo "pg.sh: $*" >&2
  exit 1
}

usage() {
  sed -n '5,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

is_root=0
[[ $(id -u) -eq 0 ]] && is_root=1

need_binaries() {
  local b
  for b in initdb pg_ctl pg_isready psql postgres; do
    [[ -x "$pg_bin/$b" ]] || die "PostgreSQL 15 is missing: no $pg_bin/$b (install Debian's postgresql-15 and
  postgresql-client-15, e.g. with scripts/install-deps.sh --test, or set TELECENTRES_PG_BIN)"
  done
  local version
  version=$("$pg_bin/postgres" --version 2>/dev/null) || die "cannot run $pg_bin/postgres --version"
  [[ $version =~ \(PostgreSQL\)\ 15\. ]] || die "$pg_bin/postgres is not PostgreSQL 15 ($version)"
  if ((is_root)); then
    command -v runuser >/dev/null || die "running as root needs runuser (util-linux) to start the server as postgres"
    id -u postgres >/dev/null 2>&1 || die "running as root needs the system user postgres (Debian's postgresql-common)"
  fi
}

# The directory as an absolute path, checked: it goes into postgresql.conf and a socket path.
absolute_dir() {
  local d=$1
  [[ -n $d ]] || die "DIR is empty"
  d=$(realpath -m -- "$d")
  [[ $d != / ]] || die "DIR cannot be /"
  [[ $d =~ ^[A-Za-z0-9._/-]+$ ]] || die "DIR may hold only letters, digits and . _ - / (got $d)"
  echo "$d"
}

# Runs a server-side command as the cluster's owner, from inside DIR (postgres may not enter the caller's
# working directory).
as_owner() {
  if ((is_root)); then
    (cd "$dir" && runuser -u postgres -- "$@")
  else
    (cd "$dir" && "$@")
  fi
}

read_port() {
  [[ -f "$dir/$state_file" ]] || die "$dir holds no cluster of pg.sh (start one with: scripts/pg.sh start $dir)"
  local p
  p=$(sed -n 's/^port=\([0-9]*\)$/\1/p' "$dir/$state_file")
  [[ -n $p ]] || die "$dir/$state_file has no port"
  echo "$p"
}

url_of() { echo "postgresql://$role@127.0.0.1:$1/$2"; }

running() { [[ -f "$dir/data/PG_VERSION" ]] && as_owner "$pg_bin/pg_ctl" status -D "$dir/data" >/dev/null 2>&1; }

# psql as the superuser over the cluster's unix socket; trust authentication does not look at the OS user.
admin_sql() {
  "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/run" -p "$port" -U postgres -d postgres "$@"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    port_in_use "$p" || { echo "$p"; return 0; }
  done
  die "found no free port on 127.0.0.1"
}

write_config() {
  cat >"$dir/data/pg_sh.conf" <<EOF
# Written by scripts/pg.sh at each start.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/run'
max_connections = 200
shared_buffers = 128MB
fsync = on
synchronous_commit = on
full_page_writes = on
logging_collector = off
lc_messages = 'C'
EOF
  ((is_root)) && chown postgres: "$dir/data/pg_sh.conf"
  echo "port=$port" >"$dir/$state_file"
}

show_log() {
  local f
  for f in "$dir/initdb.log" "$dir/postgres.log"; do
    [[ -s $f ]] && { echo "pg.sh: --- last lines of $f" >&2; tail -n 20 "$f" >&2; }
  done
  return 0
}

init_cluster() {
  rm -rf -- "${dir:?}/data" "$dir/run" "$dir/initdb.log" "$dir/postgres.log"
  mkdir -p "$dir/run"
  if ((is_root)); then
    chown -R postgres: "$dir"
    runuser -u postgres -- test -w "$dir" ||
      die "the postgres user cannot write in $dir (a parent directory is closed to it): use a directory under /tmp"
  fi
  chmod 700 "$dir/run"
  if ! as_owner "$pg_bin/initdb" -D "$dir/data" --locale=C --encoding=UTF8 --username=postgres --auth=trust \
    --no-instructions >"$dir/initdb.log" 2>&1; then
    show_log
    die "initdb failed in $dir/data"
  fi
  cat >"$dir/data/pg_hba.conf" <<'EOF'
# Written by scripts/pg.sh: a private test cluster, reachable from this machine only.
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 trust
host    all       all   127.0.0.1/32  trust
EOF
  echo "include 'pg_sh.conf'" >>"$dir/data/postgresql.conf"
  ((is_root)) && chown postgres: "$dir/data/pg_hba.conf"
  return 0
}

# Starts the server on $port; returns 2 when the port was taken (so that the caller may try another).
start_server() {
  write_config
  rm -f -- "$dir/postgres.log"
  if ! as_owner "$pg_bin/pg_ctl" start -D "$dir/data" -l "$dir/postgres.log" -w -t 60 >/dev/null 2>&1; then
    if grep -q "could not bind\|Address already in use" "$dir/postgres.log" 2>/dev/null; then return 2; fi
    return 1
  fi
  local i
  for ((i = 0; i < 60; i++)); do
    "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres -t 1 && return 0
    sleep 0.5
  done
  echo "pg.sh: the server started but does not answer on 127.0.0.1:$port" >&2
  return 1
}

cmd_start() {
  (($# >= 1 && $# <= 2)) || usage
  local want_port=${2:-}
  if [[ -n $want_port ]]; then
    [[ $want_port =~ ^[1-9][0-9]{0,4}$ ]] || die "PORT must be a number from 1 to 65535 (got $want_port)"
    ((want_port <= 65535)) || die "PORT must be a number from 1 to 65535 (got $want_port)"
  fi
  need_binaries
  dir=$(absolute_dir "$1")

  local fresh=1
  if [[ -f "$dir/$state_file" ]]; then
    port=$(read_port)
    if running; then
      [[ -z $want_port || $want_port == "$port" ]] || die "a server already runs in $dir on port $port, not $want_port"
      url_of "$port" telecentres
      return 0
    fi
    # Made by pg.sh but stopped: start it again if it was fully set up, else start over.
    grep -q '^ready=1$' "$dir/$state_file" && fresh=0
  elif [[ -e $dir ]]; then
    [[ -d $dir ]] || die "$dir exists and is not a directory"
    [[ -z $(ls -A -- "$dir") ]] || die "$dir is not empty and holds no cluster of pg.sh: give a new or empty directory"
  fi
  mkdir -p -- "$dir"
  echo "port=" >"$dir/$state_file"
  ((fresh)) && init_cluster

  local attempt rc
  for ((attempt = 1; ; attempt++)); do
    if [[ -n $want_port ]]; then
      port=$want_port
    elif ((fresh || attempt > 1)) || [[ -z ${port:-} ]] || port_in_use "$port"; then
      port=$(free_port)
    fi
    rc=0
    start_server || rc=$?
    ((rc == 0)) && break
    if ((rc == 2)) && [[ -z $want_port ]] && ((attempt < 10)); then continue; fi
    show_log
    if ((rc == 2)); then die "port $port of 127.0.0.1 is taken"; fi
    die "PostgreSQL did not start in $dir"
  done

  if ((fresh)); then
    if ! admin_sql -c "CREATE ROLE $role LOGIN CREATEDB" -c "CREATE DATABASE telecentres OWNER $role TEMPLATE template0" \
      >&2; then
      as_owner "$pg_bin/pg_ctl" stop -D "$dir/data" -m fast -w >/dev/null 2>&1 || true
      show_log
      die "could not create the role and database in $dir"
    fi
  fi
  echo "port=$port" >"$dir/$state_file"
  echo "ready=1" >>"$dir/$state_file"
  url_of "$port" telecentres
}

cmd_createdb() {
  (($# == 2)) || usage
  local name=$2
  [[ $name =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "database NAME must match [a-z_][a-z0-9_]* (63 characters at most), got '$name'"
  need_binaries
  dir=$(absolute_dir "$1")
  port=$(read_port)
  running || die "no server runs in $dir (start it with: scripts/pg.sh start $dir)"
  local exists
  exists=$(admin_sql -At -c "SELECT 1 FROM pg_database WHERE datname = '$name'") || die "cannot reach the server in $dir"
  [[ -z $exists ]] || die "database $name already exists in $dir"
  admin_sql -c "CREATE DATABASE $name OWNER $role TEMPLATE template0" >&2 || die "could not create database $name"
  url_of "$port" "$name"
}

cmd_url() {
  (($# >= 1 && $# <= 2)) || usage
  dir=$(absolute_dir "$1")
  port=$(read_port)
  url_of "$port" "${2:-telecentres}"
}

# The server's pid, if postmaster.pid names a live postgres serving this data directory.
server_pid() {
  local pid
  pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$dir/data" || return 1
  echo "$pid"
}

cmd_stop() {
  (($# == 1)) || usage
  dir=$(absolute_dir "$1")
  [[ -e $dir ]] || return 0
  if [[ ! -f "$dir/$state_file" ]]; then
    [[ -d $dir && -z $(ls -A -- "$dir") ]] || die "$dir holds no cluster of pg.sh: not removing it"
    rmdir -- "$dir"
    return 0
  fi
  local pid i
  if pid=$(server_pid); then
    if [[ -x "$pg_bin/pg_ctl" ]]; then
      as_owner "$pg_bin/pg_ctl" stop -D "$dir/data" -m fast -w -t 60 >/dev/null 2>&1 || true
    fi
    # Without pg_ctl, or if it timed out: SIGINT is PostgreSQL's fast shutdown, SIGQUIT its immediate one.
    for sig in INT QUIT KILL; do
      server_pid >/dev/null || break
      kill -s "$sig" "$pid" 2>/dev/null || true
      for ((i = 0; i < 100; i++)); do
        server_pid >/dev/null || break
        sleep 0.1
      done
    done
    ! server_pid >/dev/null || die "the server (pid $pid) in $dir does not stop"
  fi
  rm -rf -- "$dir"
}

(($# >= 1)) || usage
command=$1
shift
case "$command" in
  start) cmd_start "$@" ;;
  createdb) cmd_createdb "$@" ;;
  url) cmd_url "$@" ;;
  stop) cmd_stop "$@" ;;
  -h | --help | help) usage ;;
  *) echo "pg.sh: unknown command '$command'" >&2; usage ;;
esac
