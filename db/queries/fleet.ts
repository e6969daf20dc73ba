import "server-only";
import { sql } from "drizzle-orm";
import { withDatabase } from "../../lib/errors";
import { FLEET_SCHEDULE_VERSION, parseRankSignature, type RankSignature } from "../../lib/recovery/fleet-schedule";
import { includes, MEMBERSHIP_ROLES, type MembershipRole } from "../../lib/recovery/vocabulary";
import { getDb, rowsOf, type Executor } from "../client";
import { tenantEvidence } from "../projection-schema";
import { memberships, tenants } from "../schema";
import { idSet } from "../write/bulk";
import { getRecoveryEvidenceInputs } from "./evidence-inputs";
import {
  inputsOfProjectedRow,
  projectedColumns,
  projectedJoins,
  projectionMissing,
  type NamedInputs,
  type ProjectedRowRaw,
} from "./projected-inputs";

export interface FleetTenantInputs extends NamedInputs {
  role: MembershipRole;
}

/**
 * The evidence inputs of the tenants the user is a member of (all of them, or those of `tenantIds`), as ONE
 * statement whatever the number of tenants or the size of their histories: the user's memberships (a range
 * of their primary key), each tenant's projected inputs (projected-inputs.ts). Everything that depends on
 * `now` is computed from these rows at read time by the one tenant assessment. Memberships with an
 * unrecognized role grant nothing and are left out.
 */
export function getFleetInputs(userId: string, db: Executor = getDb(), opts: { tenantIds?: number[] } = {}): Promise<FleetTenantInputs[]> {
  return withDatabase(async () => {
    const only = opts.tenantIds ? sql`and m.tenant_id in ${idSet(opts.tenantIds)}` : sql``;
    const rows = rowsOf<ProjectedRowRaw & { role: string }>(
      await db.execute(sql`
        select m.role, ${projectedColumns}
        from ${memberships} m
        join ${tenants} t on t.id = m.tenant_id
        ${projectedJoins}
        where m.user_id = ${userId} ${only}
        order by m.user_id, m.tenant_id`),
    );
    const out: FleetTenantInputs[] = [];
    for (const r of rows) {
      const role = r.role;
      if (!includes(MEMBERSHIP_ROLES, role)) continue;
      if (!projectionMissing(r)) {
        out.push({ role, ...inputsOfProjectedRow(r) });
        continue;
      }
      // A tenant without its projection row, or whose projected run is not there, is read live (the
      // dashboard's statement): never shown as "no evidence" because a row is missing. No writer leaves
      // one behind (the projection test proves it), so normally this reads nothing.
      const inputs = await getRecoveryEvidenceInputs(r.tenant_id, { db });
      if (!inputs) continue;
      const latest = inputs.latestRelevant;
      const run = latest && (({ attentionState: _cached, ...columns }) => columns)(latest.run);
      const operationRun = latest?.operationRun && { id: latest.operationRun.id, type: latest.operationRun.type, status: latest.operationRun.status, outcome: latest.operationRun.outcome };
      out.push({
        role,
        tenant: { ...inputs.tenant, name: r.name },
        backupSets: inputs.backupSets,
        latestRelevant: run ? { run, operationRun: operationRun ?? null } : null,
      });
    }
    return out;
  });
}

/** One tenant of the user as the fleet ranks it at an instant: its scheduled signature, or null (assess it live). */
export interface FleetRankInput {
  tenantId: number;
  name: string;
  role: MembershipRole;
  latestRelevantRestoreAt: string | null;
  signature: RankSignature | null;
}

interface RankRowRaw {
  role: string;
  tenant_id: number;
  name: string;
  usable: boolean | null;
  at: string | null;
  sig: unknown;
}

/**
 * Every tenant of the user with the rank signature its stored schedule has at `nowMs` (one statement, one
 * primary-key probe per tenant; the interval is picked by comparing `nowMs` with the intervals' starts).
 * A schedule of another version or computed with other windows than the tenant's is not used
 * (`signature: null`).
 */
export function getFleetRanks(userId: string, nowMs: number, db: Executor = getDb()): Promise<FleetRankInput[]> {
  return withDatabase(async () => {
    const rows = rowsOf<RankRowRaw>(
      await db.execute(sql`
        select m.role, t.id as tenant_id, t.name,
          (p.schedule->'v' = to_jsonb(${FLEET_SCHEDULE_VERSION}::int)
            and p.schedule->'h' = to_jsonb(t.backup_stale_after_hours)
            and p.schedule->'d' = to_jsonb(t.restore_evidence_stale_after_days)) as usable,
          p.schedule->>'at' as at,
          (select e->1 from jsonb_array_elements(p.schedule->'s') e
            where e->>0 is null or (e->>0)::bigint <= ${nowMs}::bigint
            order by (e->>0)::bigint desc nulls last limit 1) as sig
        from ${memberships} m
        join ${tenants} t on t.id = m.tenant_id
        left join ${tenantEvidence} p on p.tenant_id = m.tenant_id
        where m.user_id = ${userId}
        order by m.user_id, m.tenant_id`),
    );
    return rows.flatMap((r) => {
      if (!includes(MEMBERSHIP_ROLES, r.role)) return [];
      const signature = r.usable === true ? parseRankSignature(r.sig) : null;
      return [{ tenantId: r.tenant_id, name: r.name, role: r.role, latestRelevantRestoreAt: r.at, signature }];
    });
  });
}
