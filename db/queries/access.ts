import "server-only";
import { and, asc, count, eq, ilike, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { includes, MEMBERSHIP_ROLES, type MembershipRole } from "../../lib/recovery/vocabulary";
import { withDatabase } from "../../lib/errors";
import { getDb, type Executor } from "../client";
import { preparedPerExecutor } from "./prepared";
import { memberships, sessions, tenants } from "../schema";

export interface TenantMembership {
  tenantId: number;
  tenantName: string;
  tenantSlug: string;
  role: MembershipRole;
}

/**
 * The membership columns every member-scoped query selects (the tenant's name is the membership's copy,
 * exact by foreign key: decision 0009). Select them with `memberOf` and read them with `knownMembership`.
 */
export const membershipColumns = {
  tenantId: tenants.id,
  tenantName: memberships.tenantName,
  tenantSlug: tenants.slug,
  role: memberships.role,
};

type MembershipRow = { tenantId: number; tenantName: string; tenantSlug: string; role: string };

/**
 * The join condition of every member-scoped query: the membership of `userId` (a value or a placeholder)
 * in the tenant `tenantId` (the row's tenant column). A row outside the user's tenants does not exist.
 */
export function memberOf(tenantId: AnyPgColumn, userId: string | Placeholder): SQL {
  return and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)) as SQL;
}

/** Unknown roles grant nothing: a membership row with a role outside the vocabulary is no membership. */
export function knownMembership(row: MembershipRow | null | undefined): TenantMembership | null {
  return row && includes(MEMBERSHIP_ROLES, row.role) ? { ...row, role: row.role } : null;
}

function known(rows: MembershipRow[]): TenantMembership[] {
  return rows.flatMap((r) => {
    const m = knownMembership(r);
    return m ? [m] : [];
  });
}

const membershipInTenant = preparedPerExecutor((db) =>
  db
    .select(membershipColumns)
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, sql.placeholder("userId")), eq(memberships.tenantId, sql.placeholder("tenantId"))))
    .limit(1)
    .prepare("membership_in_tenant"),
);

/** The user's membership in one tenant (a primary-key lookup), or null: a non-member's tenant does not exist. */
export function getMembership(userId: string, tenantId: number, db: Executor = getDb()): Promise<TenantMembership | null> {
  return withDatabase(async () => knownMembership((await membershipInTenant(db).execute({ userId, tenantId }))[0]));
}

/**
 * A page of the user's memberships by tenant name, optionally filtered by an ILIKE pattern, and their count.
 * Ordered by the membership's copy of the name (exact by foreign key), so the page is a range of
 * memberships_user_name_idx that stops after `limit` rows, however many tenants the user has; the count is
 * over memberships alone (an index-only range of the primary key when unfiltered).
 */
function membershipPage(filtered: boolean) {
  return preparedPerExecutor((db) => {
    const where = and(
      eq(memberships.userId, sql.placeholder("userId")),
      filtered ? ilike(memberships.tenantName, sql.placeholder("pattern")) : undefined,
    );
    const suffix = filtered ? "_filtered" : "";
    return {
      rows: db
        .select(membershipColumns)
        .from(memberships)
        .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
        .where(where)
        .orderBy(asc(memberships.userId), asc(memberships.tenantName), asc(memberships.tenantId))
        .limit(sql.placeholder("limit"))
        .prepare(`membership_page${suffix}`),
      total: db.select({ n: count() }).from(memberships).where(where).prepare(`membership_count${suffix}`),
    };
  });
}
const allMemberships = membershipPage(false);
const matchingMemberships = membershipPage(true);

/** The user's first tenant by name: the current tenant when the session has none (or lost it). */
export function getFirstMembership(userId: string, db: Executor = getDb()): Promise<TenantMembership | null> {
  // A few rows, not one: a row with an unrecognized role is skipped rather than ending the search.
  return withDatabase(async () => known(await allMemberships(db).rows.execute({ userId, limit: 5 }))[0] ?? null);
}

/** Whether the user belongs to more than one tenant (two rows of their membership range, at most). */
export function hasSeveralTenants(userId: string, db: Executor = getDb()): Promise<boolean> {
  return withDatabase(async () => known(await allMemberships(db).rows.execute({ userId, limit: 2 })).length > 1);
}

/** How many tenants the header's Tenant control lists; more are reached through the tenant search page. */
export const TENANT_SWITCHER_LIMIT = 100;

/**
 * A bounded page of the user's tenants by name (optionally filtered by a name fragment), with the total.
 * An operator of thousands of tenants gets the first `limit` and a search, never all of them per request.
 */
export function listMemberships(
  userId: string,
  opts: { limit: number; query?: string },
  db: Executor = getDb(),
): Promise<{ items: TenantMembership[]; total: number }> {
  return withDatabase(async () => {
    const q = opts.query?.trim();
    const statements = q ? matchingMemberships(db) : allMemberships(db);
    const params = { userId, limit: opts.limit, pattern: q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : "" };
    const [rows, [totals]] = await Promise.all([statements.rows.execute(params), statements.total.execute(params)]);
    return { items: known(rows), total: totals?.n ?? 0 };
  });
}

/** Points the session at a tenant. The caller has checked membership; the update is also scoped to the session's user. */
export function setActiveTenant(sessionId: string, userId: string, tenantId: number): Promise<void> {
  return withDatabase(async () => {
    await getDb()
      .update(sessions)
      .set({ activeTenantId: tenantId, updatedAt: new Date() })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
  });
}
