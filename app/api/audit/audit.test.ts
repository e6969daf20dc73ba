/**
 * The audit log end to end through the real handlers (spec §14): sign-in success and failure, sign-out,
 * tenant switch and import are recorded with actor, tenant, action, target, time and client address; an
 * owner reads and exports only their tenants' events and their own account's; the export follows the
 * §11 rules (formula cells neutralised, trailing note row, JSON boundary and instant).
 */
import { desc, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/db/audit-schema";
import type { Database } from "@/db/client";
import { importDataset, parseDataset } from "@/db/import/importer";
import { setActiveTenant } from "@/db/queries/access";
import { listAuditEvents } from "@/db/queries/audit";
import { getAuth } from "@/server/auth/server";
import { viewerFromHeaders } from "@/server/auth/viewer";
import { closeDb, resetTestDb } from "@/test/db";
import { GET as exportAudit } from "./export/route";

const APP = "http://127.0.0.1:3000";
const PASSWORD = "audit-test-password-1";
let db: Database;
let startId = 0;

const dataset = {
  tenants: [
    { id: 71, name: "=HYPERLINK(\"http://evil\")", slug: "audit-a" },
    { id: 72, name: "Audit B", slug: "audit-b" },
    { id: 73, name: "Audit Foreign", slug: "audit-c" },
  ],
  users: [
    { email: "owner@audit.test", name: "Owner", password: PASSWORD, memberships: [{ tenant_id: 71, role: "owner" }, { tenant_id: 72, role: "operator" }] },
    { email: "op@audit.test", name: "Op", password: PASSWORD, memberships: [{ tenant_id: 72, role: "operator" }] },
    { email: "other@audit.test", name: "Other", password: PASSWORD, memberships: [{ tenant_id: 73, role: "owner" }] },
  ],
};

function auth(path: string, body: unknown, headers: Record<string, string> = {}) {
  return getAuth().handler(
    new Request(`${APP}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP, "x-forwarded-for": "198.51.100.77", ...headers },
      body: JSON.stringify(body),
    }),
  );
}

async function signIn(email: string): Promise<string> {
  const res = await auth("/sign-in/email", { email, password: PASSWORD });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!).join("; ");
}

const newEvents = () => db.select().from(auditEvents).where(gt(auditEvents.id, startId)).orderBy(desc(auditEvents.id));

async function exportAs(cookie: string, query: string) {
  const res = await exportAudit(new Request(`${APP}/api/audit/export?${query}`, { headers: { cookie, "x-forwarded-for": "198.51.100.78" } }));
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

beforeAll(async () => {
  db = await resetTestDb();
  const [last] = await db.select({ id: auditEvents.id }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  startId = last?.id ?? 0;
  await importDataset(db, parseDataset(dataset).dataset);
});
afterAll(() => closeDb());

describe("audit log", () => {
  it("records an import per tenant, in the import's transaction", async () => {
    const rows = (await newEvents()).filter((r) => r.action === "dataset.imported");
    expect(rows.map((r) => r.tenantId).sort()).toEqual([71, 72, 73]);
    expect(rows[0]).toMatchObject({ actorType: "system", actorId: null, clientAddress: null });
  });

  it("records sign-in success and failure with the client address, and never the password", async () => {
    await signIn("owner@audit.test");
    expect((await auth("/sign-in/email", { email: "owner@audit.test", password: "wrong-guess-123" })).status).toBe(401);
    expect((await auth("/sign-in/email", { email: "nobody@audit.test", password: "wrong-guess-456" })).status).toBe(401);
    const rows = await newEvents();
    const owner = rows.find((r) => r.action === "sign_in.succeeded")!;
    expect(owner).toMatchObject({ actorType: "user", actorLabel: "owner@audit.test", clientAddress: "198.51.100.77", tenantId: null });
    const failures = rows.filter((r) => r.action === "sign_in.failed");
    expect(failures.map((f) => f.actorId === owner.actorId)).toEqual([false, true]);
    expect(JSON.stringify(rows)).not.toMatch(/wrong-guess|audit-test-password/);
  });

  it("records a tenant switch with the session update, and a sign-out that deletes the session", async () => {
    const cookie = await signIn("owner@audit.test");
    const viewer = (await viewerFromHeaders(new Headers({ cookie })))!;
    await setActiveTenant(viewer.sessionId, viewer.userId, 72, { actorLabel: viewer.email, clientAddress: "198.51.100.9", fromTenantId: 71 });
    expect((await newEvents())[0]).toMatchObject({ action: "tenant.switched", tenantId: 72, target: "tenant:72", clientAddress: "198.51.100.9", detail: { fromTenantId: 71 } });
    expect((await auth("/sign-out", {}, { cookie })).status).toBe(200);
    expect((await newEvents())[0]).toMatchObject({ action: "sign_out", actorId: viewer.userId, clientAddress: "198.51.100.77" });
    expect(await viewerFromHeaders(new Headers({ cookie }))).toBeNull();
  });

  it("shows an owner their owned tenants' events and their own account's, nothing of other tenants", async () => {
    const cookie = await signIn("owner@audit.test");
    const viewer = (await viewerFromHeaders(new Headers({ cookie })))!;
    const page = await listAuditEvents({ userId: viewer.userId, tenantId: null, action: null }, {});
    const tenants = new Set(page.rows.map((r) => r.tenantId));
    expect(tenants.has(71)).toBe(true);
    expect(tenants.has(72)).toBe(false); // an operator there, not an owner
    expect(tenants.has(73)).toBe(false);
    expect(page.rows.filter((r) => r.tenantId === null).every((r) => r.actorId === viewer.userId)).toBe(true);
    const signIns = await listAuditEvents({ userId: viewer.userId, tenantId: null, action: "sign_in.succeeded" }, {});
    expect(signIns.rows.length).toBeGreaterThan(0);
    expect(signIns.rows.every((r) => r.action === "sign_in.succeeded")).toBe(true);
  });

  it("exports CSV with formula cells neutralised and a trailing note row, and JSON with its boundary", async () => {
    const cookie = await signIn("owner@audit.test");
    const csv = await exportAs(cookie, "format=csv&tenant=71");
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split("\n");
    expect(lines[0]).toBe("occurred_at,actor_type,actor,actor_id,tenant_id,tenant,action,target,client_address,detail");
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv.text).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(lines.at(-1)).toMatch(/^"?# The audit log lists the actions .* Computed at \d{4}-/);
    const json = await exportAs(cookie, "format=json");
    const body = JSON.parse(json.text) as { computedAt: string; claimBoundary: string; events: { tenantId: number | null; action: string }[] };
    expect(body.claimBoundary).toMatch(/not evidence about backups or restores/);
    expect(body.events.some((e) => e.action === "dataset.imported" && e.tenantId === 71)).toBe(true);
    expect(body.events.every((e) => e.tenantId === 71 || e.tenantId === null)).toBe(true);
    // The export itself is recorded.
    expect((await newEvents())[0]).toMatchObject({ action: "export.audit", clientAddress: "198.51.100.78" });
  });

  it("answers 401 without a session, 403 to a non-owner, 404 for a tenant the owner does not own, 400 for a bad format", async () => {
    expect((await exportAs("", "format=csv")).status).toBe(401);
    expect((await exportAs(await signIn("op@audit.test"), "format=csv")).status).toBe(403);
    const owner = await signIn("owner@audit.test");
    expect((await exportAs(owner, "format=csv&tenant=73")).status).toBe(404);
    expect((await exportAs(owner, "format=csv&tenant=72")).status).toBe(404);
    expect((await exportAs(owner, "format=xml")).status).toBe(400);
  });
});
