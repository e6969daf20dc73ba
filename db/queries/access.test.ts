/**
 * The header's tenant list and the tenant search read a bounded page of the user's memberships by tenant
 * name. The name is copied into `memberships` (so the page is an index range) and kept exact by a composite
 * foreign key with ON UPDATE CASCADE; these tests hold both halves to that.
 */
import type { PGlite } from "@electric-sql/pglite";
import { eq, sql } from "drizzle-orm";
import type { Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, databaseKind, getDb, resetTestDb } from "../../test/db";
import { rowsOf, type Database } from "../client";
import { countQueries } from "../query-counter";
import { memberships, tenants, users } from "../schema";
import { getFirstMembership, listMemberships } from "./access";

const MANY = 2_000;
let db: Database;

beforeAll(async () => {
  db = await resetTestDb();
  // Names deliberately out of id order, with a duplicate name and LIKE metacharacters.
  await db.execute(
    sql.raw(`insert into tenants (id, name, slug)
             select g, case when g = 7 then 'Tenant 100%_x' else 'Tenant ' || lpad(((g * 7919) % ${MANY})::text, 5, '0') end, 't-' || g
             from generate_series(1, ${MANY}) g`),
  );
  await db.execute(sql.raw(`insert into tenants (id, name, slug) values (${MANY + 1}, 'Tenant 00042', 'dup')`));
  await db.insert(users).values([
    { id: "u-big", name: "Big", email: "big@example.com" },
    { id: "u-small", name: "Small", email: "small@example.com" },
  ]);
  await db.execute(
    sql.raw(`insert into memberships (user_id, tenant_id, role, tenant_name)
             select 'u-big', id, 'owner', name from tenants`),
  );
  await db.execute(
    sql.raw(`insert into memberships (user_id, tenant_id, role, tenant_name)
             select 'u-small', id, 'viewer', name from tenants where id % 100 = 0`),
  );
  await db.execute(sql.raw(`analyze tenants, memberships`));
});
afterAll(() => closeDb());

async function brute(userId: string): Promise<{ id: number; name: string }[]> {
  const rows = await db
    .select({ id: tenants.id, name: tenants.name })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(eq(memberships.userId, userId));
  return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
}

describe(`the user's tenants by name (${databaseKind()})`, () => {
  it("the first page, in name order (ties by id), and the total, equal a brute-force read", async () => {
    for (const userId of ["u-big", "u-small"]) {
      const all = await brute(userId);
      const page = await listMemberships(userId, { limit: 100 });
      expect(page.total).toBe(all.length);
      expect(page.items.map((m) => [m.tenantId, m.tenantName])).toStrictEqual(all.slice(0, 100).map((t) => [t.id, t.name]));
      expect((await getFirstMembership(userId))?.tenantId).toBe(all[0]!.id);
    }
  });

  it("a name fragment filters literally (LIKE metacharacters are text), with its own total", async () => {
    const page = await listMemberships("u-big", { limit: 10, query: "100%_" });
    expect(page.items.map((m) => m.tenantName)).toStrictEqual(["Tenant 100%_x"]);
    expect(page.total).toBe(1);
    const dup = await listMemberships("u-big", { limit: 10, query: "00042" });
    expect(dup.items.map((m) => m.tenantId)).toStrictEqual((await brute("u-big")).filter((t) => t.name === "Tenant 00042").map((t) => t.id));
  });

  it("a rename reaches the memberships' copy (foreign key, ON UPDATE CASCADE), and a wrong copy is refused", async () => {
    await db.update(tenants).set({ name: "AAA renamed" }).where(eq(tenants.id, MANY));
    const page = await listMemberships("u-big", { limit: 1 });
    expect(page.items[0]).toMatchObject({ tenantId: MANY, tenantName: "AAA renamed" });
    await expect(
      db.insert(memberships).values({ userId: "u-small", tenantId: 1, role: "viewer", tenantName: "not its name" }),
    ).rejects.toThrow();
  });

  it(`the page reads at most limit rows of memberships_user_name_idx and sorts nothing, among ${MANY.toLocaleString("en")}`, async () => {
    const { statements, parameters } = await countQueries(() => listMemberships("u-big", { limit: 100 }));
    const index = statements.findIndex((s) => s.includes("order by"));
    const text = `explain (analyze, format json) ${statements[index]!}`;
    const client = (getDb() as unknown as { $client: unknown }).$client;
    const result =
      databaseKind() === "postgres"
        ? await (client as Sql).unsafe(text, parameters[index] as never[])
        : await (client as PGlite).query(text, parameters[index]);
    const raw = rowsOf<Record<string, unknown>>(result)[0]!["QUERY PLAN"];
    interface Node { "Node Type": string; "Index Name"?: string; "Relation Name"?: string; "Actual Rows"?: number; Plans?: Node[] }
    const plan = ((typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: Node }[])[0]!.Plan;
    const all = (n: Node): Node[] => [n, ...(n.Plans ?? []).flatMap(all)];
    const nodes = all(plan);
    expect(nodes.map((n) => n["Node Type"])).not.toContain("Sort");
    const scan = nodes.find((n) => n["Relation Name"] === "memberships")!;
    expect(scan["Index Name"]).toBe("memberships_user_name_idx");
    expect(scan["Actual Rows"]).toBeLessThanOrEqual(100);
  });
});
