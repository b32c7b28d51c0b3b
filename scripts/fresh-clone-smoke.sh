#!/usr/bin/env bash
# From a clean clone of this repository's HEAD: `npm install && npm start` must serve the public
# home page and the staff sign-in page on the embedded database, with no configuration at all.
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d /tmp/kotona-fresh-XXXXXX)
port=${SMOKE_PORT:-3290}
cleanup() {
  if [[ -n "${server_pid:-}" ]]; then kill -- -"$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

git clone -q "$repo" "$work/kotona"
cd "$work/kotona"
env -u DATABASE_URL -u AUTH_SECRET -u KOTONA_DATA_KEY -u KOTONA_DATA_DIR -u PGLITE_DIR \
  npm install --no-audit --no-fund --loglevel=error
# setsid: the server gets its own process group, so the whole tree stops with it.
setsid env -u DATABASE_URL -u AUTH_SECRET -u KOTONA_DATA_KEY -u KOTONA_DATA_DIR -u PGLITE_DIR -u KOTONA_DEMO \
  PORT="$port" npm start >"$work/start.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 300); do
  if curl -fsS "http://localhost:$port/api/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/start.log"; echo "npm start exited"; exit 1; fi
  sleep 1
done
home=$(curl -fsS "http://localhost:$port/fi")
signin=$(curl -fsS "http://localhost:$port/fi/sign-in")
grep -q "<h1" <<<"$home" || { echo "no home page"; exit 1; }
grep -q 'type="password"' <<<"$signin" || { echo "no sign-in form"; exit 1; }
grep -q "caseworker@demo.kotona.example" "$work/start.log" || { cat "$work/start.log"; echo "no demo sign-in printed"; exit 1; }
test -f .kotona/secrets.json || { echo "secrets were not generated into the data folder"; exit 1; }
[[ $(stat -c %a .kotona/pglite) == 700 ]] || { echo "the embedded database folder is not 0700"; exit 1; }
echo "fresh clone: npm install && npm start served / and /fi/sign-in on the embedded database"
