/**
 * The security probes of issue 13, replayed against the running server: every route × role × foreign id,
 * malformed ids and parameters, foreign origins, headers and framing. No answer may be a 500; a tenant
 * the operator is not a member of answers 404 everywhere.
 */
import { E2E_PASSWORD, e2eUsers, expect, rememberSecret, scenarios, test } from "./fixtures";
import type { E2eUser } from "./fixtures/scenarios";
import { rawRequest } from "./support/raw-http";
import { signInCookie } from "./support/servers";

const base = `http://127.0.0.1:${process.env.E2E_PORT}`;
type Role = E2eUser | "none";
const ROLES: Role[] = ["none", "owner", "operator", "viewer", "outsider"];
const cookies: Partial<Record<Role, string>> = { none: "" };

test.beforeAll(async () => {
  for (const role of ROLES.filter((r) => r !== "none") as E2eUser[]) {
    const { status, cookie } = await signInCookie(base, e2eUsers[role].email, E2E_PASSWORD);
    expect(status, role).toBe(200);
    cookies[role] = cookie;
    const token = decodeURIComponent(cookie.replace(/^.*session_token=/, "").split(";")[0]!);
    rememberSecret(token);
    rememberSecret(token.split(".")[0]!);
  }
});

const get = (path: string, role: Role, headers: Record<string, string> = {}) =>
  rawRequest(base, path, { headers: { cookie: cookies[role] ?? "", accept: "text/html,application/json", ...headers } });

const F = scenarios.failed;
const O = scenarios.outsider;
// Expected status per role: none, owner, operator, viewer, outsider. 307 is the redirect to sign-in.
const MATRIX: [string, number[]][] = [
  [`/api/tenants/${F.tenantId}/recovery-evidence`, [401, 200, 200, 200, 404]],
  [`/api/tenants/${F.tenantId}/backup-health`, [401, 200, 200, 200, 404]],
  [`/api/tenants/${O.tenantId}/recovery-evidence`, [401, 404, 404, 404, 200]],
  [`/api/tenants/${O.tenantId}/backup-health`, [401, 404, 404, 404, 200]],
  [`/api/restore-runs/${F.ids.run}`, [401, 200, 200, 403, 404]],
  [`/api/restore-runs/${O.ids.run}`, [401, 404, 404, 404, 200]],
  ["/api/audit/export?format=csv", [401, 200, 403, 403, 200]],
  [`/api/audit/export?format=json&tenant=${F.tenantId}`, [401, 200, 403, 403, 404]],
  [`/api/audit/export?format=json&tenant=${O.tenantId}`, [401, 404, 403, 403, 200]],
  ["/api/fleet", [401, 200, 200, 200, 200]],
  ["/api/fleet/export?format=csv", [401, 200, 200, 200, 200]],
  [`/api/tenants/${F.tenantId}/restore-runs/export?format=json`, [401, 200, 200, 403, 404]],
  [`/api/tenants/${O.tenantId}/restore-runs/export?format=csv`, [401, 404, 404, 404, 200]],
  ["/fleet", [307, 200, 200, 200, 200]],
  // Non-owners get the page with "only owners manage keys and webhooks" and no key or endpoint data.
  ["/settings", [307, 200, 200, 200, 200]],
  ["/dashboard", [307, 200, 200, 200, 200]],
  ["/restore-runs", [307, 200, 200, 403, 200]],
  [`/restore-runs/${F.ids.run}`, [307, 200, 200, 403, 404]],
  [`/restore-runs/${O.ids.run}`, [307, 404, 404, 404, 200]],
  ["/backup-sets", [307, 200, 200, 200, 200]],
  [`/backup-sets/${F.ids.backupSet}`, [307, 200, 200, 200, 404]],
  [`/backup-sets/${O.ids.backupSet}`, [307, 404, 404, 404, 200]],
  ["/tenants", [307, 200, 200, 200, 200]],
  ["/audit", [307, 200, 403, 403, 200]],
  [`/audit?tenant=${F.tenantId}`, [307, 200, 403, 403, 404]],
  [`/audit?tenant=${O.tenantId}`, [307, 404, 403, 403, 200]],
];

test("access matrix: every route × role × foreign id answers exactly as the access rules say", async () => {
  const seen: string[] = [];
  for (const [path, expected] of MATRIX) {
    for (const [i, role] of ROLES.entries()) {
      const res = await get(path, role);
      seen.push(`${role} ${path} ${res.status}`);
      expect(res.status, `${role} GET ${path}`).toBe(expected[i]);
      // A foreign tenant's record reveals nothing: the same body as an unknown id.
      if (res.status === 404 && path.startsWith("/api/")) expect(JSON.parse(res.body)).toEqual({ error: { code: "not_found", message: "Not found." } });
    }
  }
  expect(seen).toHaveLength(MATRIX.length * ROLES.length);
});

const BAD_IDS = ["abc", "-1", "0", "1e3", "01", "+1", "0x10", "99999999999", "1.5", "%20", "%zz", "%", "%C0%AF", "%00", "1%00", "%E0%A4%A", "..%2f..%2fetc"];
const ID_ROUTES = ["/api/restore-runs/", "/api/tenants/{}/recovery-evidence", "/api/tenants/{}/backup-health", "/restore-runs/", "/backup-sets/", "/api/auth/"];

test("malformed ids in every id path answer 400 or 404 with a message, never a 500", async () => {
  for (const route of ID_ROUTES) {
    for (const id of BAD_IDS) {
      const path = route.includes("{}") ? route.replace("{}", id) : `${route}${id}`;
      for (const role of ["none", "owner"] as Role[]) {
        const res = await get(path, role);
        expect(res.status, `${role} GET ${path}`).not.toBe(500);
        expect([400, 401, 404, 307], `${role} GET ${path} → ${res.status}`).toContain(res.status);
        if (res.status === 400) expect(res.body.length, path).toBeGreaterThan(10);
      }
    }
  }
});

const PARAMS = [
  "/restore-runs?state=%00", "/restore-runs?state=<script>alert(1)</script>", "/restore-runs?state=failed&state=partial",
  "/restore-runs?sort=%zz", "/restore-runs?order=sideways", "/restore-runs?after=-1", "/restore-runs?before=1e99",
  "/restore-runs?cursor=%E0%A4%A", "/restore-runs?recovery_posture_reason=%3Cimg%20src%3Dx%3E", "/restore-runs?recovery_posture_reason=failed&recovery_posture_reason=partial",
  "/tenants?q=%00", "/tenants?q=%ED%A0%80", "/tenants?q=" + "x".repeat(5000), "/tenants?q=%25%5F%5C",
  "/audit?tenant=abc", "/audit?action=%00", "/audit?action=drop%20table", "/audit?before=-5&after=99999999999",
  "/backup-sets?after=%zz", "/dashboard?x=%00", "/api/audit/export?format=%00", "/api/audit/export?format=xml",
];

test("query-parameter probes never answer 500 and never echo the value", async () => {
  for (const path of PARAMS) {
    const res = await get(path, "owner");
    expect(res.status, path).not.toBe(500);
    expect([200, 400], `${path} → ${res.status}`).toContain(res.status);
    expect(res.body, path).not.toContain("<script>alert(1)</script>");
    expect(res.body, path).not.toContain("<img src=x>");
  }
});

test("server actions, sign-in and sign-out from a foreign or null Origin answer 403", async () => {
  const page = await get("/dashboard", "owner");
  const actionId = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(page.body)?.[1];
  expect(actionId, "the header's forms carry server action ids").toBeTruthy();
  for (const origin of ["https://evil.example", "null", "http://127.0.0.1:1"]) {
    const action = await rawRequest(base, "/dashboard", {
      method: "POST",
      headers: { cookie: cookies.owner!, origin, "next-action": actionId!, "content-type": "text/plain;charset=UTF-8" },
      body: "[]",
    });
    expect(action.status, `server action from ${origin}`).toBe(403);
    for (const path of ["/api/auth/sign-out", "/api/auth/sign-in/email"]) {
      const res = await rawRequest(base, path, {
        method: "POST",
        headers: { cookie: cookies.owner!, origin, "content-type": "application/json" },
        body: JSON.stringify({ email: e2eUsers.owner.email, password: E2E_PASSWORD }),
      });
      expect(res.status, `${path} from ${origin}`).toBe(403);
    }
  }
  // The session survived every refused sign-out.
  expect((await get("/dashboard", "owner")).status).toBe(200);
});

test("pages carry a nonce CSP without unsafe-inline scripts, frame-ancestors 'none', nosniff and same-origin referrers", async () => {
  for (const [path, role] of [["/sign-in", "none"], ["/dashboard", "owner"], ["/audit", "owner"], [`/api/restore-runs/${F.ids.run}`, "owner"]] as const) {
    const res = await get(path, role);
    const csp = String(res.headers["content-security-policy"]);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
    expect(scriptSrc, path).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(scriptSrc, path).not.toContain("unsafe-inline");
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"], path).toBe("nosniff");
    expect(res.headers["referrer-policy"], path).toBe("same-origin");
    if (path !== "/api/restore-runs/" + F.ids.run) {
      const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
      const scripts = [...res.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const s of scripts) expect(s, path).toContain(`nonce="${nonce}"`);
    }
  }
});

test("the app cannot be framed: a foreign page's iframe of the tenant switcher stays empty", async ({ asOwner: page }) => {
  await page.goto("/dashboard");
  await expect(page.getByLabel("Tenant", { exact: true })).toBeVisible();
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.setContent(`<iframe id="f" src="${base}/dashboard" width="800" height="400"></iframe>`);
  const frame = page.frameLocator("#f");
  await expect(page.locator("#f")).toBeVisible();
  // Chromium refuses to render the framed app (frame-ancestors 'none'): the switcher never appears inside it.
  await expect.poll(() => errors.some((e) => /frame-ancestors|Refused to (display|frame)/i.test(e)), { timeout: 10_000 }).toBe(true);
  await expect(frame.getByLabel("Tenant", { exact: true })).toHaveCount(0);
});
