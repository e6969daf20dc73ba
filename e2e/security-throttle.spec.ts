/**
 * Issue 13 (1, 2): sign-in throttling never locks the legitimate user out, and a forged X-Forwarded-For
 * buys no guesses. Two servers of this file's own, with the production limits (10 per address, 5 per
 * account and address, 1,000 per account, per minute): one with no trusted proxy, one behind a trusted
 * loopback proxy (TRUST_PROXY=1), where X-Forwarded-For is the client address.
 */
import fs from "node:fs";
import path from "node:path";
import { E2E_PASSWORD, e2eUsers, expect, rememberSecret, test } from "./fixtures";
import { importE2eDataset, portOffset, signInCookie, startServer, type TestServer } from "./support/servers";

test.describe.configure({ mode: "serial" });

const LIMITS = { SIGN_IN_ATTEMPTS_PER_MINUTE: "10", SIGN_IN_ATTEMPTS_PER_ACCOUNT_ADDRESS_PER_MINUTE: "5", SIGN_IN_ATTEMPTS_PER_ACCOUNT_PER_MINUTE: "1000" };
let direct: TestServer;
let proxied: TestServer;

async function embedded(name: string): Promise<Record<string, string>> {
  const dir = path.resolve(`.data/security-${name}-pglite`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(`${dir}.lock`, { force: true });
  const env = { PGLITE_DIR: dir };
  await importE2eDataset(env, name);
  return env;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const [a, b] = await Promise.all([embedded("direct"), embedded("proxied")]);
  [direct, proxied] = await Promise.all([
    startServer("throttle-direct", portOffset(1), { ...a, ...LIMITS }),
    startServer("throttle-proxied", portOffset(2), { ...b, ...LIMITS, TRUST_PROXY: "1" }),
  ]);
});
test.afterAll(async () => {
  await Promise.all([direct?.stop(), proxied?.stop()]);
});

const attempt = (server: TestServer, email: string, password: string, xff?: string) =>
  signInCookie(server.url, email, password, xff ? { "x-forwarded-for": xff } : {}).then((r) => r.status);

test("without TRUST_PROXY a forged X-Forwarded-For is ignored: 30 guesses across accounts, each with a fresh forged address, get 10 checks", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 30; i++) statuses.push(await attempt(direct, `guess-${i}@example.com`, "wrong-password", `203.0.113.${i + 1}`));
  expect(statuses.filter((s) => s === 401)).toHaveLength(10);
  expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
});

test("behind a trusted proxy, each forwarded address has its own budget, and one address cannot keep guessing one account", async () => {
  const pair: number[] = [];
  for (let i = 0; i < 6; i++) pair.push(await attempt(proxied, "ghost-pair@example.com", `guess-${i}`, "198.51.100.10"));
  expect(pair).toEqual([401, 401, 401, 401, 401, 429]);
  // Another client address (the same account) is unaffected.
  expect(await attempt(proxied, "ghost-pair@example.com", "guess-x", "198.51.100.11")).toBe(401);
});

test("the legitimate user signs in from a fresh address while 10 wrong passwords a second hit their account", async () => {
  test.setTimeout(150_000);
  const owner = e2eUsers.owner.email;
  const attacks: Promise<number>[] = [];
  const started = Date.now();
  let k = 0;
  const timer = setInterval(() => {
    k++;
    attacks.push(attempt(proxied, owner, `wrong-${k}`, `192.0.2.${(k % 250) + 1}`));
  }, 100);
  try {
    await new Promise((r) => setTimeout(r, 3_000));
    const legit = await signInCookie(proxied.url, owner, E2E_PASSWORD, { "x-forwarded-for": "203.0.113.250" });
    rememberSecret(decodeURIComponent(legit.cookie.replace(/^.*session_token=/, "")));
    expect(legit.status).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(0, 5_000 - (Date.now() - started))));
  } finally {
    clearInterval(timer);
  }
  const statuses = await Promise.all(attacks);
  expect(statuses.length).toBeGreaterThanOrEqual(40);
  expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
});
