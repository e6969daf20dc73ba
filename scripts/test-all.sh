#!/usr/bin/env bash
# Every test, on the configured database (embedded PGlite, or PostgreSQL when DATABASE_URL is set):
# typecheck, unit + integration (Vitest), then a production build driven by Playwright.
# Prints one line per suite and a final plain line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
label="${TEST_LABEL:-$([ -n "${DATABASE_URL:-}" ] && echo postgres || echo embedded)}"
out=".reports/$label"
rm -rf "$out"; mkdir -p "$out"
echo "== Tests on the $label database"

typecheck_failed=0
echo "-- typecheck"
if ! npx tsc --noEmit -p tsconfig.json; then typecheck_failed=1; fi

echo "-- unit and integration (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$out/vitest.json"
vitest_rc=$?

echo "-- build"
build_failed=0
if ! npx next build > "$out/build.log" 2>&1; then build_failed=1; tail -40 "$out/build.log"; fi

echo "-- end to end (playwright)"
e2e_rc=1
if [ "$build_failed" = 0 ]; then
  E2E_SERVER_LOG="$out/e2e-server.log" PLAYWRIGHT_JSON_OUTPUT_NAME="$out/e2e.json" npx playwright test --reporter=list,json
  e2e_rc=$?
fi

echo "-- secrets in the server logs"
secrets_failed=1
if [ "$build_failed" = 0 ] && node scripts/check-log-secrets.mjs .data/e2e-secrets.txt "$out/e2e-server.log" .data/security-logs; then secrets_failed=0; fi

node --input-type=module - "$out" "$typecheck_failed" "$build_failed" "$vitest_rc" "$e2e_rc" "$secrets_failed" <<'JS'
import fs from "node:fs";
const [dir, tcFailed, buildFailed, vitestRc, e2eRc, secretsFailed] = process.argv.slice(2);
const read = (f) => { try { return JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8")); } catch { return null; } };
const v = read("vitest.json");
const e = read("e2e.json");
const rows = [];
// A suite that crashed before reporting counts as one failure, never as zero.
rows.push(["typecheck", tcFailed === "0" ? 1 : 0, tcFailed === "0" ? 0 : 1]);
if (v) rows.push(["vitest", v.numPassedTests, v.numFailedTests + (vitestRc !== "0" && v.numFailedTests === 0 ? 1 : 0)]);
else rows.push(["vitest", 0, 1]);
rows.push(["build", buildFailed === "0" ? 1 : 0, buildFailed === "0" ? 0 : 1]);
if (e) {
  const s = e.stats;
  const failed = s.unexpected + s.flaky + (e2eRc !== "0" && s.unexpected === 0 ? 1 : 0);
  rows.push(["playwright", s.expected, failed]);
  if (s.skipped) console.log(`playwright: ${s.skipped} skipped (counted as failed)`), (rows.at(-1)[2] += s.skipped);
} else rows.push(["playwright", 0, 1]);
rows.push(["log secrets", secretsFailed === "0" ? 1 : 0, secretsFailed === "0" ? 0 : 1]);
let p = 0, f = 0;
for (const [name, passed, failed] of rows) { console.log(`${name}: ${passed} passed, ${failed} failed`); p += passed; f += failed; }
fs.writeFileSync(`${dir}/summary.txt`, `${p} ${f}\n`);
console.log(`${p} passed, ${f} failed`);
process.exit(f === 0 ? 0 : 1);
JS
