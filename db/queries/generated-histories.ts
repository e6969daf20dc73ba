/**
 * Generated tenant histories for the property tests of the evidence read (evidence-inputs.test.ts): few
 * distinct times, every status and outcome plus junk ones, null and equal times, archived runs, junk JSON.
 * Test support only; nothing in the product imports it.
 */
import fc from "fast-check";
import {
  BACKUP_SET_STATUSES,
  OPERATION_RUN_OUTCOMES,
  OPERATION_RUN_STATUSES,
  RESTORE_KNOWN_STATUSES,
  RESULT_ENTRY_STATUSES,
} from "../../lib/recovery/vocabulary";

export const NOW = new Date("2025-06-01T12:00:00.000Z");
export const HOUR = 3_600_000;
export const TENANT_IDS = [1, 2] as const;

/* ───────────────────────── generated histories ───────────────────────── */

/**
 * Few distinct times, so equal timestamps (and equal coalesce() values) are common, around the stale
 * thresholds (0, 1, 6, 24, 48 hours) and sometimes a millisecond apart or slightly in the future.
 */
const arbTime = fc
  .record({ hours: fc.constantFrom(-1, 0, 1, 2, 6, 23, 24, 25, 48, 49), ms: fc.constantFrom(0, 0, 0, 1) })
  .map(({ hours, ms }) => new Date(NOW.getTime() - hours * HOUR + ms).toISOString());

const JUNK_STATUSES = ["", "Completed", "COMPLETED", "completed ", "succeeded", "archived", "unknown", "<b>x</b>"];

/** Any JSON PostgreSQL's jsonb accepts (it rejects the NUL character). */
const arbJson = fc.jsonValue({ maxDepth: 2 }).filter((v) => !JSON.stringify(v).includes("\\u0000"));

const arbEntry = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      key: fc.constantFrom("policy:1", "policy:2", "scopeTag:4", "a:9"),
      type: fc.constantFrom("deviceConfiguration", "scopeTag"),
      status: fc.constantFrom(...RESULT_ENTRY_STATUSES),
    }),
  },
  { weight: 1, arbitrary: fc.record({ status: fc.constantFrom("done", "", "APPLIED") }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: arbJson },
);

const arbResults = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        items: fc.array(arbEntry, { maxLength: 3 }),
        foundations: fc.array(arbEntry, { maxLength: 2 }),
        assignments: fc.array(arbEntry, { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom({}, [], "completed", 42, { items: "all applied" }, { items: null }) },
  { weight: 1, arbitrary: arbJson },
);

const arbMetadata = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        scope_basis: fc.constantFrom("full", "selected", "other"),
        non_applied: fc.oneof(
          fc.constant([]),
          fc.array(fc.record({ key: fc.constantFrom("policy:1", "a:9"), reason: fc.constantFrom("excluded", "") }), {
            maxLength: 2,
          }),
          arbJson,
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: arbJson },
);

const arbTenantId = fc.constantFrom(...TENANT_IDS);

const arbBackupSet = fc.record({
  tenant_id: arbTenantId,
  status: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom("completed", "completed_with_errors") },
    { weight: 3, arbitrary: fc.constant("failed") },
    { weight: 1, arbitrary: fc.constantFrom(...BACKUP_SET_STATUSES) },
    { weight: 1, arbitrary: fc.constantFrom(...JUNK_STATUSES) },
  ),
  item_count: fc.integer({ min: 0, max: 5 }),
  failed_item_count: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 3 })),
  started_at: fc.option(arbTime, { nil: null, freq: 2 }),
  completed_at: fc.option(arbTime, { nil: null, freq: 2 }),
  created_at: arbTime,
});

const arbOperationRun = fc.record({
  tenant_id: arbTenantId,
  status: fc.oneof(fc.constantFrom(...OPERATION_RUN_STATUSES), fc.constantFrom(...JUNK_STATUSES)),
  outcome: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...OPERATION_RUN_OUTCOMES) }, fc.constantFrom(...JUNK_STATUSES)),
});

const arbRestoreRun = fc.record({
  tenant_id: arbTenantId,
  status: fc.oneof(
    { weight: 3, arbitrary: fc.constant("completed") },
    { weight: 4, arbitrary: fc.constantFrom(...RESTORE_KNOWN_STATUSES) },
    { weight: 1, arbitrary: fc.constantFrom(...JUNK_STATUSES) },
  ),
  is_dry_run: fc.boolean(),
  results: arbResults,
  metadata: arbMetadata,
  created_at: arbTime,
  completed_at: fc.option(arbTime, { nil: null }),
  archived_at: fc.option(arbTime, { nil: null, freq: 3 }),
  /** Index into the same tenant's operation runs, or none. */
  op: fc.option(fc.nat({ max: 6 }), { nil: null }),
});

export const arbHistory = fc
  .record({
    staleAfterHours: fc.tuple(fc.constantFrom(0, 1, 6, 24, 48), fc.constantFrom(0, 1, 6, 24, 48)),
    backupSets: fc.array(arbBackupSet, { maxLength: 10 }),
    operationRuns: fc.array(arbOperationRun, { maxLength: 6 }),
    restoreRuns: fc.array(arbRestoreRun, { maxLength: 16 }),
    // Interleave ids across tenants, so id order and insertion order differ from per-tenant order.
    idShuffle: fc.integer({ min: 0, max: 1_000 }),
  })
  .map(({ staleAfterHours, backupSets, operationRuns, restoreRuns, idShuffle }) => {
    const id = (i: number, n: number) => ((i * 7 + idShuffle) % n) + 1; // a permutation of 1..n when gcd(7, n) = 1
    const perm = (n: number) => (n % 7 === 0 ? (i: number) => i + 1 : (i: number) => id(i, n));
    const setId = perm(backupSets.length);
    const opId = perm(operationRuns.length);
    const runId = perm(restoreRuns.length);
    const ops = operationRuns.map((o, i) => ({ id: opId(i), type: "restore.execute", started_at: null, completed_at: null, ...o }));
    return {
      tenants: TENANT_IDS.map((t, i) => ({ id: t, name: `Tenant ${t}`, slug: `tenant-${t}`, backup_stale_after_hours: staleAfterHours[i] })),
      backup_sets: backupSets.map((b, i) => ({ id: setId(i), name: `set ${i}`, ...b })),
      operation_runs: ops,
      restore_runs: restoreRuns.map(({ op, ...r }, i) => {
        const mine = ops.filter((o) => o.tenant_id === r.tenant_id);
        const linked = op === null || mine.length === 0 ? null : mine[op % mine.length]!.id;
        return { id: runId(i), backup_set_id: null, operation_run_id: linked, ...r };
      }),
    };
  });

