#!/usr/bin/env bash
# Checks a production install: the tracked tree copied to a temporary folder, `npm ci --omit=dev`
# (no devDependency present; the prepare script builds dist/), `npm start` on a free port and a temporary data directory, then
# /readyz, /healthz, a page, the API and an Assessment PDF (when Chromium is installed), and a
# clean stop on SIGTERM (exit 0). Prints PASS/FAIL per check; exits 1 when any check fails.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ctip-production-XXXXXX")
server_pid=""
failures=0

cleanup() {
  # The server runs in a process group of its own (npm, its shell, node): end all of it.
  if [ -n "$server_pid" ]; then kill -KILL -- "-$server_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1"; failures=$((failures + 1)); }
finish() {
  if [ "$failures" -eq 0 ]; then echo "Production install: all checks passed."; exit 0; fi
  echo "Production install: $failures check(s) failed." >&2
  exit 1
}

# The files git knows (committed or added, and new files not ignored), never node_modules or data.
mkdir -p "$work/app"
git ls-files -z --cached --others --exclude-standard | tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$work/app"
cd "$work/app"

if npm ci --omit=dev --no-audit --no-fund --loglevel=error >"$work/npm-ci.log" 2>&1; then
  pass "npm ci --omit=dev"
else
  fail "npm ci --omit=dev (log below)"; cat "$work/npm-ci.log"; finish
fi
# The install built the server and CLI (the prepare script, esbuild being a runtime dependency).
if [ -f dist/main.js ]; then pass "npm ci built dist/main.js"; else fail "npm ci did not build dist/main.js"; fi
if [ "$(node bin/ctip.js --version 2>&1)" = "$(node -p 'require("./package.json").version')" ]; then
  pass "ctip --version from the build"
else
  fail "ctip --version: $(node bin/ctip.js --version 2>&1 | head -3)"
fi
# A devDependency only the tests and tools need must be absent (some @types come back as
# dependencies of runtime packages; the lockfile says which are development-only).
devs=$(node -e '
  const fs = require("fs");
  const lock = require("./package-lock.json");
  const only = Object.keys(require("./package.json").devDependencies || {}).filter((name) => lock.packages["node_modules/" + name]?.dev);
  const present = only.filter((name) => fs.existsSync("node_modules/" + name));
  console.log(present.length ? "present: " + present.join(" ") : "absent: " + only.join(" "));')
case "$devs" in absent*) pass "development-only packages $devs" ;; *) fail "development-only packages $devs" ;; esac

# PORT=0: the system picks a free port; the server prints the address it listens on.
setsid env -u DATABASE_URL -u CTIP_API_TOKEN PORT=0 HOST=127.0.0.1 CTIP_DATA_DIR="$work/data" CTIP_LOG_LEVEL=warn \
  npm start >"$work/server.log" 2>&1 &
server_pid=$!
base=""
for _ in $(seq 1 600); do
  base=$(grep -oE 'serving on http://[0-9.]+:[0-9]+' "$work/server.log" | head -1 | sed 's/serving on //')
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.5
done
if [ -z "$base" ]; then fail "npm start did not start (log below)"; cat "$work/server.log"; finish; fi
pass "npm start serves on $base"

ready=""
for _ in $(seq 1 60); do
  ready=$(curl -s -o "$work/readyz.json" -w '%{http_code}' "$base/readyz")
  [ "$ready" = "200" ] && break
  sleep 0.5
done
if [ "$ready" = "200" ] && grep -q '"status":"ready"' "$work/readyz.json"; then pass "/readyz: $(cat "$work/readyz.json")"; else fail "/readyz answered $ready: $(cat "$work/readyz.json" 2>/dev/null)"; fi

# check NAME URL STATUS CONTENT-TYPE-PREFIX [FIRST-BYTES]
check() {
  local name=$1 url=$2 want_status=$3 want_type=$4 want_start=${5:-}
  local result status type
  result=$(curl -s -m 180 -o "$work/body" -w '%{http_code} %{content_type}' "$base$url")
  status=${result%% *}; type=${result#* }
  if [ "$status" != "$want_status" ]; then fail "$name: $url answered $status, expected $want_status"; return; fi
  case "$type" in "$want_type"*) ;; *) fail "$name: $url is $type, expected $want_type"; return ;; esac
  if [ -n "$want_start" ] && [ "$(head -c ${#want_start} "$work/body")" != "$want_start" ]; then fail "$name: $url does not start with $want_start"; return; fi
  pass "$name: $url $status $type ($(wc -c <"$work/body") bytes)"
}
check "health" /healthz 200 application/json
for page in / /programs /countries /countries/NPL /regions /agencies /about "/assessment?fiscalYear=2004" /recommendations /sign-in; do
  check "page" "$page" 200 text/html "<!doctype html>"
done
check "API description" /openapi.json 200 application/json
check "API" "/api/programs?fiscalYear=2004&limit=5" 200 application/json '{"total":'
chromium=${CTIP_CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$chromium" ]; then
  check "Assessment PDF" /assessment/2004.pdf 200 application/pdf "%PDF-"
else
  echo "SKIP Assessment PDF: no Chromium at $chromium"
  check "Assessment PDF without Chromium (503, one error shape)" /assessment/2004.pdf 503 ""
fi

# The signal goes to the server process itself, as a service manager sends it: npm exits on a
# signal of its own without waiting, but passes its child's exit code through.
node_pid=$(pgrep -P "$(pgrep -P "$server_pid" | head -1)" -f 'ctip.js serve' | head -1)
[ -z "$node_pid" ] && node_pid=$(pgrep -P "$server_pid" -f 'ctip.js serve' | head -1)
kill -TERM "$node_pid"
wait "$server_pid"
code=$?
server_pid=""
if [ "$code" -eq 0 ]; then pass "SIGTERM: stopped with exit code 0"; else fail "SIGTERM: exit code $code (log below)"; tail -20 "$work/server.log"; fi
finish
