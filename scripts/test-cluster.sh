#!/usr/bin/env bash
# `npm run test:cluster`: the cluster suite (vitest.cluster.config.ts) against a real nginx, two app
# processes and a PostgreSQL primary + streaming replica it starts and stops itself. Needs nginx and the
# PostgreSQL 15 server binaries (PG_BIN). Writes .reports/cluster/summary.txt ("passed failed") and ends
# with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
out=".reports/${TEST_LABEL:-cluster}"
rm -rf "$out"; mkdir -p "$out"
echo "== Cluster tests (nginx → 2 app processes → PostgreSQL primary + streaming replica)"
[ -f .next/BUILD_ID ] || echo "(no build yet: the cluster builds the app first)"
npx vitest run --config vitest.cluster.config.ts --reporter=default --reporter=json --outputFile.json="$out/vitest.json"
rc=$?
node --input-type=module - "$out" "$rc" <<'JS'
import fs from "node:fs";
const [dir, rc] = process.argv.slice(2);
let p = 0, f = 1;
try {
  const v = JSON.parse(fs.readFileSync(`${dir}/vitest.json`, "utf8"));
  p = v.numPassedTests;
  f = v.numFailedTests + v.numPendingTests + (rc !== "0" && v.numFailedTests === 0 ? 1 : 0);
} catch {}
fs.writeFileSync(`${dir}/summary.txt`, `${p} ${f}\n`);
console.log(`cluster: ${p} passed, ${f} failed`);
console.log(`${p} passed, ${f} failed`);
process.exit(f === 0 ? 0 : 1);
JS
