#!/bin/sh
# with-redis.sh COMMAND [ARG...]: runs COMMAND with a redis-server of its
# own, for the tests of ext/redisstore, which never use a fake.
#
#   - redis-server missing: installs Debian's package with apt-get where
#     apt-get exists (as root, or through sudo -n);
#   - starts it on a free loopback port, persistence off, in a temporary
#     directory, and exports its address as JOSE_TEST_REDIS and the binary
#     as JOSE_TEST_REDIS_SERVER (the restart tests start servers of their
#     own from it);
#   - stops it when COMMAND ends, fails or is interrupted (a trap), and
#     exits with COMMAND's status.
#
# Without a server and no way to install one, COMMAND runs without
# JOSE_TEST_REDIS and the tests say how to install it and skip; under
# CI=true that is a failure instead.
#
# with-redis.sh --install only installs redis-server when it is missing.
set -eu

say() { echo "with-redis: $*" >&2; }

install_server() {
	command -v redis-server >/dev/null 2>&1 && return 0
	command -v apt-get >/dev/null 2>&1 || return 0
	if [ "$(id -u)" = 0 ]; then
		as=
	elif command -v sudo >/dev/null 2>&1; then
		as="sudo -n"
	else
		say "apt-get needs root to install redis-server"
		return 0
	fi
	say "installing redis-server with apt-get"
	$as env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 &&
		$as env DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >&2 ||
		say "apt-get could not install redis-server"
}

missing="no redis-server: install it (Debian: apt-get install redis-server) to run the ext/redisstore tests"

install_server
server=$(command -v redis-server || true)
if [ "${1:-}" = --install ]; then
	[ -n "$server" ] && exit 0
	say "$missing"
	[ "${CI:-}" = true ] && exit 1
	exit 0
fi
if [ -z "$server" ]; then
	if [ "${CI:-}" = true ]; then
		say "$missing (CI=true: failing)"
		exit 1
	fi
	say "$missing; they skip"
	exec "$@"
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/with-redis.XXXXXX")
pid=
stop() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		pid=
	fi
	rm -rf "$dir"
}
trap stop EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# A random port in 20000-59999, tried until the server binds one: redis-server
# exits at once when its port is taken.
port=
for attempt in 1 2 3 4 5 6 7 8 9 10; do
	try=$((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
	: >"$dir/redis.log"
	"$server" --bind 127.0.0.1 --port "$try" --save '' --appendonly no \
		--dir "$dir" --daemonize no --logfile "$dir/redis.log" &
	pid=$!
	for wait in $(seq 100); do
		if grep -q 'Ready to accept connections' "$dir/redis.log"; then
			port=$try
			break 2
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	pid=
done
if [ -z "$port" ]; then
	say "redis-server did not start:"
	tail -n 5 "$dir/redis.log" >&2 || true
	exit 1
fi

say "$("$server" --version | cut -d' ' -f1-3) on 127.0.0.1:$port"
export JOSE_TEST_REDIS="127.0.0.1:$port"
export JOSE_TEST_REDIS_SERVER="$server"
status=0
"$@" || status=$?
exit "$status"
