/**
 * `npm run bench:outage -- --base http://127.0.0.1:3000 --pgdata DIR [--concurrency 8] [--down 30]`
 * Signs in as the demo owner, then drives the outage probe against a running server whose PostgreSQL
 * data directory is DIR (stopped with `pg_ctl -m fast` and started again). Prints the report as JSON.
 */
import { execFileSync } from "node:child_process";
import { runOutageProbe } from "./probe";

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`--${name} is required`);
  return v;
}

async function main() {
  const base = arg("base");
  const pgdata = arg("pgdata");
  const pgctl = arg("pg-ctl", "/usr/lib/postgresql/15/bin/pg_ctl");
  const pgOptions = arg("pg-options", "");
  const asPostgres = (args: string[]) =>
    execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", args.map((a) => `'${a}'`).join(" ")], { stdio: "pipe" });
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: arg("email", "owner@example.com"), password: arg("password", "recovery-demo-2026") }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const tenant = arg("tenant", "1");
  const report = await runOutageProbe({
    baseUrl: base,
    cookie,
    paths: ["/dashboard", `/api/tenants/${tenant}/recovery-evidence`, "/restore-runs", `/api/tenants/${tenant}/backup-health`],
    concurrency: Number(arg("concurrency", "8")),
    warmMs: 3_000,
    downMs: Number(arg("down", "30")) * 1000,
    afterMs: 8_000,
    stopDatabase: async () => void asPostgres([pgctl, "-D", pgdata, "-m", "fast", "-w", "stop"]),
    startDatabase: async () =>
      void asPostgres([pgctl, "-D", pgdata, ...(pgOptions ? ["-o", pgOptions] : []), "-l", `${pgdata}/../log`, "-w", "start"]),
  });
  const { samples, ...summary } = report;
  console.log(JSON.stringify({ ...summary, requests: samples.length }, null, 2));
}

void main();
