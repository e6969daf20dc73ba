import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { withDatabase } from "../../lib/errors";
import type { FleetFilter, FleetRankRow } from "../../lib/recovery/fleet";
import { FLEET_SCHEDULE_VERSION, parseRankSignature, SINCE_EVER, type RankSignature } from "../../lib/recovery/fleet-schedule";
import { severityRank } from "../../lib/recovery/needs-attention";
import { evidenceTime, type TenantOrderKey } from "../../lib/recovery/tenant-order";
import { includes, MEMBERSHIP_ROLES, type MembershipRole } from "../../lib/recovery/vocabulary";
import { getDb, rowsOf, type Executor } from "../client";
import { tenantRankSegments } from "../projection-schema";
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

/** One tenant of the user as the fleet ranks it at an instant (its segment of the rank schedule). */
export interface FleetRankInput extends FleetRankRow {
  role: MembershipRole;
}

/** Rank rows as the statements return them (JSON from json_agg, or columns). */
interface RankRowRaw {
  id: number;
  role: string;
  name: string;
  severity: string | null;
  item_count: number | null;
  overview_state: string | null;
  backup_posture: string | null;
  stale: boolean | null;
  evidence_age: string | null;
  at: string | null;
}

/**
 * Every tenant of the user (`r`), each with the rank schedule's segment in force at `nowMs`: the segment of
 * the current version whose interval holds `nowMs`. Segments computed with other windows than the
 * tenant's do not exist (a trigger deletes them with the change, migration 0011), so no join to `tenants`:
 * the membership carries the tenant's name (kept exact by its foreign key). A tenant without a current
 * segment has null rank columns (the fleet then assesses live).
 */
function ranksAt(userId: string, nowMs: number): SQL {
  return sql`select m.tenant_id as id, m.role, m.tenant_name as name, s.severity, s.severity_rank, s.item_count, s.overview_state,
      s.backup_posture, s.restore_evidence_stale as stale, s.evidence_age, s.latest_relevant_restore_at as at,
      coalesce(s.evidence_ms, ${SINCE_EVER}::bigint) as evidence_ms
    from ${memberships} m
    left join ${tenantRankSegments} s on s.tenant_id = m.tenant_id
      and s.valid_from <= ${nowMs}::bigint and ${nowMs}::bigint < s.valid_until
      and s.version = ${FLEET_SCHEDULE_VERSION}
    where m.user_id = ${userId} and m.role in ${sql.raw(`(${MEMBERSHIP_ROLES.map((r) => `'${r}'`).join(", ")})`)}`;
}

/** The rank row, or null when the tenant has no current segment (or a value is not the vocabulary's). */
function rankOf(r: RankRowRaw): FleetRankInput | null {
  const signature = parseRankSignature({
    severity: r.severity,
    itemCount: r.item_count,
    overviewState: r.overview_state,
    backupPosture: r.backup_posture,
    restoreEvidenceStale: r.stale,
    evidenceAge: r.evidence_age,
  });
  if (!signature || !includes(MEMBERSHIP_ROLES, r.role)) return null;
  return { tenantId: r.id, name: r.name, role: r.role, latestRelevantRestoreAt: r.at, ...signature };
}

/** Every tenant of the user ranked at `nowMs` (in no particular order), or null when one has no current segment. */
export function getFleetRanks(userId: string, nowMs: number, db: Executor = getDb()): Promise<FleetRankInput[] | null> {
  return withDatabase(async () => {
    const rows = rowsOf<RankRowRaw>(await db.execute(ranksAt(userId, nowMs)));
    const out: FleetRankInput[] = [];
    for (const r of rows) {
      const rank = rankOf(r);
      if (!rank) return null;
      out.push(rank);
    }
    return out;
  });
}

export interface FleetRankGroup extends RankSignature {
  /** Tenants with exactly these rank fields. */
  n: number;
}

export interface FleetRankPage {
  /** Every tenant of the user, grouped by rank fields (the counts and the distribution). */
  groups: FleetRankGroup[];
  /** The page: up to `limit + 1` matching tenants after the cursor, in the §10 default order. */
  page: FleetRankInput[];
}

/** The SQL filter of a FleetFilter without `q` (matchesFleetFilter's meaning, column for column). */
function filterSql(f: Omit<FleetFilter, "q">): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.state) parts.push(sql`overview_state = ${f.state}`);
  if (f.severity) parts.push(sql`severity = ${f.severity}`);
  if (f.backup) parts.push(sql`backup_posture = ${f.backup}`);
  if (f.attention) parts.push(sql`item_count > 0`);
  if (f.stale) parts.push(sql`stale`);
  return sql.join(parts, sql` and `);
}

/** The §10 default order as SQL (tenant-order.ts's comparator: names compared as code points, collate "C"). */
const ORDER = sql`severity_rank, item_count desc, evidence_ms, name collate "C", id`;

/**
 * One page of the user's fleet ranked at `nowMs`, and the rank groups of every tenant, as ONE statement: the
 * ranks of every tenant (`ranksAt`) are computed once and read twice. Null when a tenant has no current
 * segment. The name search (`q`) is not here: its case folding is JavaScript's (the caller ranks in memory).
 */
export function getFleetRankPage(
  userId: string,
  nowMs: number,
  opts: { filter: Omit<FleetFilter, "q">; after: TenantOrderKey | null; limit: number },
  db: Executor = getDb(),
): Promise<FleetRankPage | null> {
  return withDatabase(async () => {
    const k = opts.after;
    const after = k
      ? sql`and (severity_rank, -item_count, evidence_ms, name collate "C", id) >
          (${severityRank(k.severity)}::int, ${-k.itemCount}::int, ${keyEvidenceMs(k)}::bigint, ${k.name}::text collate "C", ${k.id}::int)`
      : sql``;
    const [row] = rowsOf<{ groups: unknown; page: unknown }>(
      await db.execute(sql`
        with r as materialized (${ranksAt(userId, nowMs)})
        select
          (select coalesce(json_agg(g), '[]'::json) from (
            select severity, item_count, overview_state, backup_posture, stale, evidence_age, count(*)::int as n
            from r group by 1, 2, 3, 4, 5, 6) g) as groups,
          (select coalesce(json_agg(x order by x.severity_rank, x.item_count desc, x.evidence_ms, x.name collate "C", x.id), '[]'::json) from (
            select * from r where ${filterSql(opts.filter)} ${after} order by ${ORDER} limit ${opts.limit + 1}) x) as page`),
    );
    const groupsRaw = json<(Omit<RankRowRaw, "id" | "role" | "name" | "at"> & { n: number })[]>(row?.groups);
    const groups: FleetRankGroup[] = [];
    for (const g of groupsRaw) {
      const sig = rankOf({ ...g, id: 0, role: MEMBERSHIP_ROLES[0], name: "", at: null });
      if (!sig) return null;
      groups.push({ ...pickSignature(sig), n: Number(g.n) });
    }
    const page: FleetRankInput[] = [];
    for (const r of json<RankRowRaw[]>(row?.page)) {
      const rank = rankOf(r);
      if (!rank) return null;
      page.push(rank);
    }
    return { groups, page };
  });
}

function keyEvidenceMs(k: TenantOrderKey): number {
  const ms = k.evidenceMs ?? evidenceTime(k.latestRelevantRestoreAt);
  return Number.isFinite(ms) ? ms : SINCE_EVER;
}

function pickSignature(r: RankSignature): RankSignature {
  const { severity, itemCount, overviewState, backupPosture, restoreEvidenceStale, evidenceAge } = r;
  return { severity, itemCount, overviewState, backupPosture, restoreEvidenceStale, evidenceAge };
}

function json<T>(v: unknown): T {
  return (typeof v === "string" ? JSON.parse(v) : (v ?? [])) as T;
}
