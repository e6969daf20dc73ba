// Greps the server logs of a test run for the secrets the tests used (session tokens, keys, passwords):
// node scripts/check-log-secrets.mjs <secrets-file> <log files or directories…>. Prints the hit count; exits 1 on any hit.
import fs from "node:fs";
import path from "node:path";

const [secretsFile, ...targets] = process.argv.slice(2);
const fixed = ["e2e-password-2026", "e2e-secret-e2e-secret-e2e-secret-0123456789"];
const secrets = [...new Set([...fixed, ...(fs.existsSync(secretsFile) ? fs.readFileSync(secretsFile, "utf8").split("\n") : [])])].filter((s) => s.length >= 8);
const files = targets.flatMap((t) => (!fs.existsSync(t) ? [] : fs.statSync(t).isDirectory() ? fs.readdirSync(t).map((f) => path.join(t, f)) : [t]));
let hits = 0;
let bytes = 0;
for (const file of files) {
  const text = fs.readFileSync(file, "utf8");
  bytes += text.length;
  for (const s of secrets) {
    if (text.includes(s) || text.includes(encodeURIComponent(s))) {
      hits++;
      console.log(`secret found in ${file}: ${s.slice(0, 4)}… (${s.length} chars)`);
    }
  }
}
console.log(`log-secrets: ${secrets.length} secrets checked in ${files.length} logs (${bytes} bytes): ${hits} hits`);
process.exit(hits === 0 && files.length > 0 ? 0 : 1);
