import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { withDatabase } from "../../lib/errors";
import type { FleetFilter, FleetRankRow } from "../../lib/recovery/fleet";
import {
  decodeRankSignature,
  FLEET_SCHEDULE_VERSION,
  MAX_RANK_ITEMS,
  RANK_CODE_ORDER_DIVISOR,
  rankCodeDigit,
  SINCE_EVER,
  type RankCodeField,
  type RankSignature,
} from "../../lib/recovery/fleet-schedule";
import { severityRank } from "../../lib/recovery/needs-attention";
import { evidenceTime, type TenantOrderKey } from "../../lib/recovery/tenant-order";
import { BACKUP_POSTURES, includes, MEMBERSHIP_ROLES, OVERVIEW_STATES, type MembershipRole } from "../../lib/recovery/vocabulary";
import { executePrepared, getDb, rowsOf, type Executor } from "../client";
import { tenantRankSchedules } from "../projection-schema";
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
    // The ids on both sides of the join: PostgreSQL then probes `tenants` by key instead of scanning it.
    const only = opts.tenantIds ? sql`and m.tenant_id in ${idSet(opts.tenantIds)} and t.id in ${idSet(opts.tenantIds)}` : sql``;
    // A page's few tenants: prepared (its planning cost more than its execution). Every tenant (exports,
    // the whole-fleet path): planned for this user each time — its best plan depends on how many tenants
    // the user has, and the planning is small beside reading all of them.
    const execute = opts.tenantIds ? (q: SQL) => executePrepared(db, q) : (q: SQL) => db.execute(q);
    const rows = rowsOf<ProjectedRowRaw & { role: string }>(
      await execute(sql`
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
  /** The code of the signature in force (null: no current schedule). */
  sig: number | null;
  at: string | null;
}

/**
 * Every tenant of the user (`r`), each with the code of its rank schedule's signature in force at `nowMs`:
 * `width_bucket` finds the last interval starting at or before `nowMs` (decision 0022). Schedules computed
 * with other windows than the tenant's do not exist (a trigger deletes them with the change, migration
 * 0012), so no join to `tenants`: the membership carries the tenant's name (kept exact by its foreign key).
 * A tenant without a current schedule has a null code (the fleet then assesses live).
 */
function ranksAt(userId: string, nowMs: number): SQL {
  return sql`select m.tenant_id as id, m.role, m.tenant_name as name, s.signature[width_bucket(${nowMs}::bigint, s.valid_from)] as sig,
      s.latest_relevant_restore_at as at, coalesce(s.evidence_ms, ${SINCE_EVER}::bigint) as evidence_ms
    from ${memberships} m
    left join ${tenantRankSchedules} s on s.tenant_id = m.tenant_id and s.version = ${FLEET_SCHEDULE_VERSION}
    where m.user_id = ${userId} and m.role in ${sql.raw(`(${MEMBERSHIP_ROLES.map((r) => `'${r}'`).join(", ")})`)}`;
}

/** The rank row, or null when the tenant has no current schedule (or a value is not the vocabulary's). */
function rankOf(r: RankRowRaw): FleetRankInput | null {
  const signature = decodeRankSignature(r.sig);
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

/** A field of the signature in force, from its code (rankCodeDigit: the code's layout, defined once). */
function digit(field: RankCodeField): SQL {
  const { weight, radix } = rankCodeDigit(field);
  return sql.raw(`((sig / ${weight}) % ${radix})`);
}

const index = <T extends string>(values: readonly T[], v: T) => sql.raw(String(values.indexOf(v)));

/** The SQL filter of a FleetFilter without `q` (matchesFleetFilter's meaning, field for field, on the code). */
function filterSql(f: Omit<FleetFilter, "q">): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.state) parts.push(sql`${digit("overviewState")} = ${index(OVERVIEW_STATES, f.state)}`);
  if (f.severity) parts.push(sql`${digit("severity")} = ${sql.raw(String(severityRank(f.severity)))}`);
  if (f.backup) parts.push(sql`${digit("backupPosture")} = ${index(BACKUP_POSTURES, f.backup)}`);
  if (f.attention) parts.push(sql`${digit("items")} < ${sql.raw(String(MAX_RANK_ITEMS))}`);
  if (f.stale) parts.push(sql`${digit("restoreEvidenceStale")} = 1`);
  return sql.join(parts, sql` and `);
}

/**
 * The §10 default order as SQL (tenant-order.ts's comparator: severity, more items first, older evidence
 * first, names compared as code points — collate "C" —, id). The code's high digits are the first two keys.
 */
const ORDER = sql.raw(`sig / ${RANK_CODE_ORDER_DIVISOR}, evidence_ms, name collate "C", id`);

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
      ? sql`and (${digit("severity")}, ${digit("items")}, evidence_ms, name collate "C", id) >
          (${severityRank(k.severity)}::int, ${MAX_RANK_ITEMS - k.itemCount}::int, ${keyEvidenceMs(k)}::bigint, ${k.name}::text collate "C", ${k.id}::int)`
      : sql``;
    const [row] = rowsOf<{ groups: unknown; page: unknown }>(
      await executePrepared(db, sql`
        with r as materialized (${ranksAt(userId, nowMs)})
        select
          (select coalesce(json_agg(g), '[]'::json) from (select sig, count(*)::int as n from r group by sig) g) as groups,
          (select coalesce(json_agg(x order by ${ORDER}), '[]'::json) from (
            select id, role, name, sig, at, evidence_ms from r where ${filterSql(opts.filter)} ${after} order by ${ORDER} limit ${opts.limit + 1}) x) as page`),
    );
    const groups: FleetRankGroup[] = [];
    for (const g of json<{ sig: number | null; n: number }[]>(row?.groups)) {
      const sig = decodeRankSignature(g.sig);
      if (!sig) return null;
      groups.push({ ...sig, n: Number(g.n) });
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

function json<T>(v: unknown): T {
  return (typeof v === "string" ? JSON.parse(v) : (v ?? [])) as T;
}
