#!/usr/bin/env bash
# npm test: every suite, in the order CI runs them. Needs a PostgreSQL server (TEST_DATABASE_ADMIN_URL,
# default postgres://postgres@127.0.0.1:5432/postgres) and Chromium (see playwright.config.ts).
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$1"; SECONDS=0; }
done_step() { printf -- '--- %s: %ss\n' "$1" "$SECONDS"; }

step typecheck; npm run -s typecheck; done_step typecheck
step lint; npm run -s lint; done_step lint
step "unit tests"; npx vitest run --project unit; done_step unit
step "integration tests (PGlite and PostgreSQL, in parallel)"
TEST_DB=pglite npx vitest run --project integration >/tmp/kotona-it-pglite.log 2>&1 & pglite=$!
TEST_DB=postgres npx vitest run --project integration >/tmp/kotona-it-postgres.log 2>&1 & pg=$!
status=0
wait $pglite || status=1
echo "--- PGlite"; cat /tmp/kotona-it-pglite.log
wait $pg || status=1
echo "--- PostgreSQL"; cat /tmp/kotona-it-postgres.log
[[ $status == 0 ]] || { echo "integration tests failed"; exit 1; }
done_step integration
step build; npm run -s build; done_step build
step "end-to-end (Chromium, PostgreSQL)"; KOTONA_SKIP_BUILD=1 npm run -s test:e2e; done_step e2e
step "fresh clone: npm install && npm start on the embedded database"; bash scripts/fresh-clone-smoke.sh; done_step "fresh clone"
echo; echo "all suites passed"
