/**
 * The shape of a generated history: tenants, backup sets, operation runs and restore runs that look
 * like a real operator's estate (mostly clean restores, some follow-ups, partials and failures, dry
 * runs and previews, a few in flight, ~1% archived, the odd unrecognized status or unreadable result),
 * spread over about two years. Pure and deterministic: the same options give the same rows.
 *
 * Rows come out in creation-time order across all tenants, so ids interleave tenants the way a live
 * system's would (a tenant's history is spread over the table, not stored contiguously).
 */
import { resolveResultAttention } from "../../lib/recovery/result-attention";
import { randomStream, weights, type Random } from "./random";

export interface HistoryOptions {
  tenants: number;
  /** The mean; see `tenantRunCounts`. The total is always exactly tenants × runsPerTenant. */
  runsPerTenant: number;
  /** `skewed` (default): heavy-tailed history sizes, as real estates have. `uniform`: exactly runsPerTenant each. */
  distribution?: "skewed" | "uniform";
  seed: number;
  /** The end of the generated history; every timestamp is at or before it. */
  now: Date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const HISTORY_DAYS = 730;

/** Random-stream purposes (the second part of every stream key). */
const STREAM = { tenant: 1, backups: 2, runTimes: 3, runs: 4, sizes: 5 } as const;

type Tier = "steady" | "bumpy" | "troubled";

/** Every mix in one place. Executed-run outcomes depend on how reliable the tenant's estate is. */
const W = {
  backupShape: weights({ none: 1, allFailed: 2, healthy: 64, stale: 15, degraded: 11, failedAfter: 7 }),
  olderBackupStatus: weights({ completed: 85, completed_with_errors: 8, failed: 7 }),
  staleAfterHours: weights({ 24: 85, 48: 10, 168: 5 }),
  tier: weights<Tier>({ steady: 70, bumpy: 20, troubled: 10 }),
  runKind: weights({ dryRun: 18, preExecution: 8, executed: 74 }),
  preExecutionStatus: weights({ draft: 3, scoped: 2, checked: 2, previewed: 3 }),
  followUp: weights({ skipped: 45, nonApplied: 35, blocked: 15, empty: 5 }),
  outcome: {
    steady: weights({ clean: 72, followUp: 12, partial: 8, failed: 5.8, cancelled: 2, odd: 0.2 }),
    bumpy: weights({ clean: 55, followUp: 18, partial: 13, failed: 9.8, cancelled: 4, odd: 0.2 }),
    troubled: weights({ clean: 32, followUp: 20, partial: 22, failed: 19.8, cancelled: 6, odd: 0.2 }),
  } satisfies Record<Tier, unknown>,
};

/* ───────────────────────── rows, as the COPY writer wants them ───────────────────────── */

export interface TenantRow {
  id: number;
  name: string;
  slug: string;
  backupStaleAfterHours: number;
  createdAt: number;
}

export interface BackupSetRow {
  id: number;
  tenantId: number;
  name: string;
  status: string;
  itemCount: number;
  failedItemCount: number;
  startedAt: number | null;
  completedAt: number | null;
  createdAt: number;
}

export interface OperationRunRow {
  id: number;
  tenantId: number;
  type: string;
  status: string;
  outcome: string;
  startedAt: number | null;
  completedAt: number | null;
}

export interface RestoreRunRow {
  id: number;
  tenantId: number;
  backupSetId: number | null;
  operationRunId: number | null;
  status: string;
  isDryRun: boolean;
  /** Already-serialised JSON text, or null. */
  results: string | null;
  metadata: string | null;
  createdAt: number;
  completedAt: number | null;
  archivedAt: number | null;
  attentionState: string;
}

/* ───────────────────────── tenants and their backup sets ───────────────────────── */

const NAME_PARTS = [
  "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adatum", "Proseware", "Woodgrove",
  "Wingtip", "Alpine", "Coho", "Fourth Coffee", "Lamna", "Margie's", "Relecloud", "Trey", "VanArsdel",
] as const;
const NAME_SUFFIXES = ["Health", "Logistics", "Legal", "Retail", "Bank", "Schools", "Clinics", "Energy", "Labs"] as const;

interface TenantPlan {
  row: TenantRow;
  tier: Tier;
  rng: Random;
  /** Restore-run creation times, ascending. */
  runTimes: Float64Array;
  next: number;
  /** Completed backup sets of this tenant, ascending by completion: a run references the newest one before it. */
  completedSets: { id: number; completedAt: number }[];
  setCursor: number;
}

export interface History {
  tenants: TenantRow[];
  backupSets: BackupSetRow[];
  /** Time windows, generated in order; each yields its runs in batches. */
  windows: number;
  totalRuns: number;
  /** Restore runs per tenant (index 0 = tenant 1). */
  runCounts: Int32Array;
  /** The runs created in one time window, in creation order, `batchSize` at a time (with their operation runs). */
  window(index: number, batchSize: number): Generator<RunChunk>;
}

export interface RunChunk {
  operationRuns: OperationRunRow[];
  restoreRuns: RestoreRunRow[];
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `until`: the tenant's last activity — `now`, or the day it left (churned tenants stop backing up too). */
function planBackupSets(tenant: TenantRow, seed: number, now: number, until: number): Omit<BackupSetRow, "id">[] {
  const rng = randomStream(seed, STREAM.backups, tenant.id);
  const churned = until < now;
  now = until;
  const shape = rng.weighted(W.backupShape);
  if (shape === "none") return [];
  const count = rng.int(8, 12);
  const start = Math.max(tenant.createdAt, now - HISTORY_DAYS * DAY);
  const sets: Omit<BackupSetRow, "id">[] = [];
  const add = (completedAt: number, status: string) => {
    const items = rng.int(40, 400);
    const duration = rng.int(5, 90) * 60_000;
    const done = status === "queued" || status === "running" ? null : completedAt;
    sets.push({
      tenantId: tenant.id,
      name: `Nightly backup ${isoDay(completedAt)}`,
      status,
      itemCount: status === "failed" ? 0 : items,
      failedItemCount: status === "completed_with_errors" ? rng.int(1, 12) : 0,
      startedAt: status === "queued" ? null : completedAt - duration,
      completedAt: done,
      createdAt: completedAt - duration - 60_000,
    });
  };
  const older = count - 1;
  const times: number[] = [];
  for (let i = 0; i < older; i++) times.push(start + rng.next() * Math.max(DAY, now - 3 * DAY - start));
  times.sort((a, b) => a - b);
  for (const t of times) {
    add(t, shape === "allFailed" ? "failed" : rng.weighted(W.olderBackupStatus));
  }
  // The newest set decides the backup posture the dashboard shows.
  switch (shape) {
    case "allFailed":
      add(now - rng.int(1, 30) * HOUR, "failed");
      break;
    case "healthy":
      add(now - rng.int(1, 20) * HOUR, "completed");
      break;
    case "stale":
      add(now - rng.int(30, 400) * HOUR, "completed");
      break;
    case "degraded":
      add(now - rng.int(1, 20) * HOUR, "completed_with_errors");
      break;
    case "failedAfter":
      add(now - rng.int(8, 20) * HOUR, "completed");
      add(now - rng.int(1, 6) * HOUR, "failed");
      break;
  }
  // A backup in progress right now (ignored by the health rules).
  if (!churned && rng.chance(0.05)) add(now - rng.int(5, 50) * 60_000, rng.chance(0.5) ? "running" : "queued");
  return sets;
}

/* ───────────────────────── restore runs ───────────────────────── */

const ITEM_TYPES = ["deviceConfiguration", "compliancePolicy", "settingsCatalog", "appProtection", "conditionalAccess"] as const;
const FOUNDATION_TYPES = ["scopeTag", "assignmentFilter", "roleDefinition"] as const;
const FAILURE_MESSAGES = ["group not found", "permission denied", "conflicting setting", "throttled by Graph"] as const;
const NON_APPLIED_REASONS = ["unsupported setting", "requires manual review", "superseded by newer policy"] as const;
const UNRECOGNIZED_STATUSES = ["rolled_back", "completed_unverified", "superseded"] as const;

interface Entry {
  key: string;
  type?: string;
  name?: string;
  item_key?: string;
  target?: string;
  status: string;
  message?: string;
}

interface ResultsJson {
  items: Entry[];
  foundations: Entry[];
  assignments: Entry[];
}

/**
 * JSON text for generated values, written by hand because the load formats millions of them and
 * JSON.stringify dominated the profile. Safe because every string here comes from the fixed word lists
 * above or from numbers (no quotes, backslashes or control characters); history.test.ts checks that it
 * equals JSON.stringify.
 */
export function entryJson(e: Entry): string {
  let out = `{"key":"${e.key}"`;
  if (e.type !== undefined) out += `,"type":"${e.type}"`;
  if (e.name !== undefined) out += `,"name":"${e.name}"`;
  if (e.item_key !== undefined) out += `,"item_key":"${e.item_key}"`;
  if (e.target !== undefined) out += `,"target":"${e.target}"`;
  out += `,"status":"${e.status}"`;
  if (e.message !== undefined) out += `,"message":"${e.message}"`;
  return `${out}}`;
}

export function resultsJson(r: ResultsJson): string {
  return `{"items":[${r.items.map(entryJson).join(",")}],"foundations":[${r.foundations.map(entryJson).join(",")}],"assignments":[${r.assignments.map(entryJson).join(",")}]}`;
}

interface Metadata {
  scope_basis: string;
  preview?: boolean;
  non_applied?: { key: string; reason: string }[];
}

export function metadataJson(m: Metadata): string {
  let out = `{"scope_basis":"${m.scope_basis}"`;
  if (m.preview !== undefined) out += `,"preview":${m.preview}`;
  if (m.non_applied !== undefined) {
    out += `,"non_applied":[${m.non_applied.map((n) => `{"key":"${n.key}","reason":"${n.reason}"}`).join(",")}]`;
  }
  return `${out}}`;
}

/** A small, well-formed result: one or two policies, maybe a foundation, maybe an assignment, all applied. */
function cleanResults(rng: Random): ResultsJson {
  const p = rng.int(1, 900);
  const items: Entry[] = [{ key: `policy:${p}`, type: rng.pick(ITEM_TYPES), name: `Baseline ${p}`, status: "applied" }];
  if (rng.chance(0.4)) {
    const q = rng.int(1, 900);
    items.push({ key: `policy:${q}`, type: rng.pick(ITEM_TYPES), name: `Baseline ${q}`, status: "applied" });
  }
  const foundations: Entry[] = rng.chance(0.4)
    ? [{ key: `scopeTag:${rng.int(1, 40)}`, type: rng.pick(FOUNDATION_TYPES), status: "applied" }]
    : [];
  const assignments: Entry[] = rng.chance(0.6)
    ? [{ key: `a:${rng.int(1, 9999)}`, item_key: items[0]!.key, target: `group:${rng.int(1, 500)}`, status: "applied" }]
    : [];
  return { items, foundations, assignments };
}

const ALL_GROUPS = ["items", "foundations", "assignments"] as const;

/** Marks one entry (from the given groups, falling back to items) with a status. */
function mark(rng: Random, results: ResultsJson, status: string, groups: readonly (keyof ResultsJson)[] = ALL_GROUPS): void {
  const candidates = groups.filter((g) => results[g].length > 0);
  const list = results[candidates.length ? rng.pick(candidates) : "items"];
  const entry = list[rng.int(0, list.length - 1)]!;
  entry.status = status;
  if (status === "failed" || status === "partial") entry.message = rng.pick(FAILURE_MESSAGES);
  if (status === "skipped") entry.message = "exists";
}

interface RunDraft {
  status: string;
  isDryRun: boolean;
  /** What the resolver reads (the parsed JSON), and the text stored. */
  results: unknown;
  resultsText: string | null;
  metadata: Metadata;
  completedAt: number | null;
  /** Operation run to create, or null for none. */
  op: { status: string; outcome: string } | null;
  archivable: boolean;
}

/** A run finishes 2–90 minutes after it starts, and never after `now`. */
function finishedAt(rng: Random, createdAt: number, now: number): number {
  return Math.min(createdAt + rng.int(2, 90) * 60_000, now - 60_000);
}

function draftRun(plan: TenantPlan, createdAt: number, now: number): RunDraft {
  const rng = plan.rng;
  const scope: Metadata = { scope_basis: rng.chance(0.7) ? "full" : "selected" };

  // Work started in the last few hours may still be queued or running; now and then a run got stuck.
  if ((now - createdAt < 6 * HOUR && rng.chance(0.4)) || rng.chance(0.002)) {
    const status = rng.chance(0.4) ? "queued" : "running";
    return { status, isDryRun: false, results: null, resultsText: null, metadata: scope, completedAt: null, op: { status, outcome: "pending" }, archivable: false };
  }

  const kind = rng.weighted(W.runKind);
  if (kind === "dryRun") {
    const results = cleanResults(rng);
    if (rng.chance(0.3)) mark(rng, results, "skipped");
    return {
      status: rng.chance(0.6) ? "completed" : "previewed",
      isDryRun: true,
      results,
      resultsText: resultsJson(results),
      metadata: { scope_basis: scope.scope_basis, preview: true },
      completedAt: finishedAt(rng, createdAt, now),
      op: null,
      archivable: true,
    };
  }
  if (kind === "preExecution") {
    return {
      status: rng.weighted(W.preExecutionStatus),
      isDryRun: false,
      results: null,
      resultsText: null,
      metadata: scope,
      completedAt: null,
      op: null,
      archivable: true,
    };
  }

  // Executed: most have an operation run; older imports sometimes do not.
  const withOp = rng.chance(0.95);
  let results: ResultsJson = cleanResults(rng);
  let metadata: Metadata = scope;
  let status = "completed";
  let outcome = "succeeded";
  let odd: { value: unknown; text: string } | null = null;
  switch (rng.weighted(W.outcome[plan.tier])) {
    case "clean":
      break;
    case "followUp":
      switch (rng.weighted(W.followUp)) {
        case "skipped":
          mark(rng, results, "skipped", ["foundations", "assignments"]);
          break;
        case "nonApplied":
          metadata = { scope_basis: scope.scope_basis, non_applied: [{ key: `policy:${rng.int(1, 900)}`, reason: rng.pick(NON_APPLIED_REASONS) }] };
          break;
        case "blocked":
          outcome = "blocked";
          break;
        case "empty":
          results = { items: [], foundations: [], assignments: [] };
          break;
      }
      break;
    case "partial":
      if (rng.chance(0.6)) {
        status = "partial";
        mark(rng, results, rng.chance(0.7) ? "failed" : "partial");
      } else {
        mark(rng, results, "failed", ["assignments", "foundations"]);
      }
      outcome = "partially_succeeded";
      break;
    case "failed":
      status = "failed";
      outcome = "failed";
      for (const item of results.items) {
        item.status = "failed";
        item.message = rng.pick(FAILURE_MESSAGES);
      }
      break;
    case "cancelled":
      status = "cancelled";
      outcome = "cancelled";
      if (rng.chance(0.5)) for (const item of results.items) item.status = "skipped";
      break;
    case "odd":
      // Real-world data the resolver must degrade on: an unknown status, or results nobody can read.
      if (rng.chance(0.5)) status = rng.pick(UNRECOGNIZED_STATUSES);
      else odd = rng.chance(0.5) ? { value: { items: "see attached log" }, text: '{"items":"see attached log"}' } : { value: [], text: "[]" };
      break;
  }
  return {
    status,
    isDryRun: false,
    results: odd ? odd.value : results,
    resultsText: odd ? odd.text : resultsJson(results),
    metadata,
    completedAt: finishedAt(rng, createdAt, now),
    op: withOp ? { status: "completed", outcome } : null,
    archivable: true,
  };
}

/* ───────────────────────── the plan ───────────────────────── */

/** Pareto shape of the history sizes: median tenant ≈ half the mean; the largest ones reach the cap. */
const SIZE_ALPHA = 1.5;
/** Share of tenants whose history ended before `now` (customers who left). */
const CHURN_RATE = 0.05;
const SIZE_CAP = 100;

/**
 * How many restore runs each tenant gets (index 0 = tenant 1), summing exactly to tenants × runsPerTenant.
 * Skewed: Pareto(α = 1.5) weights capped at 100× the mean, scaled to the mean and rounded by largest
 * remainder. At 5,000 tenants × 200 that is a median tenant of ~110 runs and a few tenants with ~20,000,
 * which is what makes a deep page of the list deep.
 */
export function tenantRunCounts(opts: Pick<HistoryOptions, "tenants" | "runsPerTenant" | "seed" | "distribution">): Int32Array {
  const counts = new Int32Array(opts.tenants);
  if (opts.distribution === "uniform" || opts.runsPerTenant === 0) return counts.fill(opts.runsPerTenant);
  const rng = randomStream(opts.seed, STREAM.sizes);
  const mean = SIZE_ALPHA / (SIZE_ALPHA - 1);
  const w = new Float64Array(opts.tenants);
  let sum = 0;
  for (let i = 0; i < w.length; i++) {
    w[i] = Math.min((1 - rng.next()) ** (-1 / SIZE_ALPHA), SIZE_CAP * mean);
    sum += w[i]!;
  }
  const total = opts.tenants * opts.runsPerTenant;
  const remainders: { i: number; r: number }[] = [];
  let assigned = 0;
  for (let i = 0; i < w.length; i++) {
    const exact = (w[i]! / sum) * total;
    counts[i] = Math.floor(exact);
    assigned += counts[i]!;
    remainders.push({ i, r: exact - counts[i]! });
  }
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; k < total - assigned; k++) counts[remainders[k]!.i]! += 1;
  return counts;
}

export function planHistory(opts: HistoryOptions): History {
  const now = Math.floor(opts.now.getTime() / 1000) * 1000;
  const { seed } = opts;
  const earliest = now - HISTORY_DAYS * DAY;

  const sizes = tenantRunCounts(opts);
  const plans: TenantPlan[] = [];
  const untilOf: number[] = [];
  for (let id = 1; id <= opts.tenants; id++) {
    const rng = randomStream(seed, STREAM.tenant, id);
    // Most tenants were onboarded before the window opened; some joined during it.
    const onboarded = rng.chance(0.8) ? earliest - rng.int(1, 400) * DAY : earliest + rng.next() * (HISTORY_DAYS - 60) * DAY;
    const name = `${rng.pick(NAME_PARTS)} ${rng.pick(NAME_SUFFIXES)} ${String(id).padStart(5, "0")}`;
    const row: TenantRow = {
      id,
      name,
      slug: `load-${String(id).padStart(6, "0")}`,
      backupStaleAfterHours: Number(rng.weighted(W.staleAfterHours)),
      createdAt: Math.floor(onboarded),
    };
    const tier = rng.weighted(W.tier);
    const times = new Float64Array(sizes[id - 1]!);
    const timeRng = randomStream(seed, STREAM.runTimes, id);
    const from = Math.max(row.createdAt, earliest);
    // Some customers leave: their history stops on the day they did (a long history that ends early in
    // the id range is the case that tempts the planner into scanning the primary key; see docs/performance.md).
    const until = rng.chance(CHURN_RATE) ? Math.floor(from + (0.1 + 0.8 * rng.next()) * (now - from)) : now - 5 * 60_000;
    untilOf.push(until);
    const span = until - from;
    for (let i = 0; i < times.length; i++) times[i] = Math.floor(from + timeRng.next() * span);
    times.sort();
    plans.push({ row, tier, rng: randomStream(seed, STREAM.runs, id), runTimes: times, next: 0, completedSets: [], setCursor: 0 });
  }

  // Backup sets: all of them up front (about ten a tenant), ids in creation order across tenants.
  const draftSets = plans.flatMap((p, i) => planBackupSets(p.row, seed, now, untilOf[i]! >= now - 5 * 60_000 ? now : untilOf[i]!));
  draftSets.sort((a, b) => a.createdAt - b.createdAt || a.tenantId - b.tenantId);
  const backupSets: BackupSetRow[] = draftSets.map((s, i) => ({ id: i + 1, ...s }));
  for (const s of backupSets) {
    if (s.completedAt !== null && (s.status === "completed" || s.status === "completed_with_errors")) {
      plans[s.tenantId - 1]!.completedSets.push({ id: s.id, completedAt: s.completedAt });
    }
  }
  for (const p of plans) p.completedSets.sort((a, b) => a.completedAt - b.completedAt || a.id - b.id);

  const totalRuns = opts.tenants * opts.runsPerTenant;
  const windows = Math.max(1, Math.ceil(totalRuns / 50_000));
  const windowSpan = (now - earliest) / windows;
  let nextRunId = 1;
  let nextOpId = 1;
  let lastWindow = -1;

  function* window(index: number, batchSize: number): Generator<RunChunk> {
    if (index !== lastWindow + 1) throw new Error(`windows must be generated in order (asked for ${index} after ${lastWindow})`);
    lastWindow = index;
    const end = index === windows - 1 ? Number.POSITIVE_INFINITY : earliest + (index + 1) * windowSpan;

    // Which runs fall in this window: (tenant, time), merged into one creation-time order.
    // Parallel arrays and an index sort: a window has ~50,000 runs, and objects per run cost GC time.
    const pickTenant: number[] = [];
    const pickAt: number[] = [];
    for (const plan of plans) {
      while (plan.next < plan.runTimes.length && plan.runTimes[plan.next]! < end) {
        pickTenant.push(plan.row.id - 1);
        pickAt.push(plan.runTimes[plan.next]!);
        plan.next++;
      }
    }
    const order = Uint32Array.from(pickAt.keys()).sort((a, b) => pickAt[a]! - pickAt[b]! || pickTenant[a]! - pickTenant[b]!);

    for (let from = 0; from < order.length; from += batchSize) {
      const to = Math.min(order.length, from + batchSize);
      const operationRuns: OperationRunRow[] = [];
      const restoreRuns: RestoreRunRow[] = [];
      for (let i = from; i < to; i++) {
        const plan = plans[pickTenant[order[i]!]!]!;
        const at = pickAt[order[i]!]!;
        const d = draftRun(plan, at, now);
        while (plan.setCursor < plan.completedSets.length && plan.completedSets[plan.setCursor]!.completedAt <= at) plan.setCursor++;
        const set = plan.setCursor > 0 ? plan.completedSets[plan.setCursor - 1]! : null;
        let operationRunId: number | null = null;
        if (d.op) {
          operationRunId = nextOpId++;
          operationRuns.push({
            id: operationRunId,
            tenantId: plan.row.id,
            type: "restore.execute",
            status: d.op.status,
            outcome: d.op.outcome,
            startedAt: d.op.status === "queued" ? null : at + 30_000,
            completedAt: d.completedAt,
          });
        }
        // The cache column is exactly what the resolver says about the row as stored.
        const attention = resolveResultAttention(
          { status: d.status, isDryRun: d.isDryRun, results: d.results, metadata: d.metadata },
          d.op ? { outcome: d.op.outcome } : null,
        );
        const archived = d.archivable && plan.rng.chance(0.01);
        restoreRuns.push({
          id: nextRunId++,
          tenantId: plan.row.id,
          // Dry runs and drafts still name the backup set they were scoped from, when there is one.
          backupSetId: set && plan.rng.chance(0.97) ? set.id : null,
          operationRunId,
          status: d.status,
          isDryRun: d.isDryRun,
          results: d.resultsText,
          metadata: metadataJson(d.metadata),
          createdAt: at,
          completedAt: d.completedAt,
          archivedAt: archived ? Math.min((d.completedAt ?? at) + plan.rng.int(1, 30) * DAY, now) : null,
          attentionState: attention.state,
        });
      }
      yield { operationRuns, restoreRuns };
    }
  }

  return { tenants: plans.map((p) => p.row), backupSets, windows, totalRuns, runCounts: sizes, window };
}
