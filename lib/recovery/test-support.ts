/**
 * Test support only (builders, fast-check arbitraries, the overclaim check). Imported by *.test.ts
 * beside it; not exported from index.ts and never imported by application code.
 */
import fc from "fast-check";
import type { BackupSetInput, OperationRunInput, RestoreRunInput } from "./types";
import {
  BACKUP_SET_STATUSES,
  OPERATION_RUN_OUTCOMES,
  RESTORE_KNOWN_STATUSES,
  RESTORE_NON_EXECUTED_STATUSES,
  RESULT_ENTRY_STATUSES,
} from "./vocabulary";

export const HOUR_MS = 3_600_000;
export const NOW = new Date("2025-06-01T12:00:00.000Z");
export const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * HOUR_MS);

// ── Builders ─────────────────────────────────────────────────────────────────────────────────────────

export function backupSet(overrides: Partial<BackupSetInput> & { id: number }): BackupSetInput {
  return { status: "completed", failedItemCount: 0, completedAt: hoursAgo(1), startedAt: null, ...overrides };
}

export const CLEAN_RESULTS = {
  items: [{ key: "policy:1", type: "deviceConfiguration", name: "Baseline", status: "applied" }],
  foundations: [{ key: "scopeTag:4", type: "scopeTag", status: "applied" }],
  assignments: [{ key: "a:9", item_key: "policy:1", target: "group:77", status: "applied" }],
};

export function restoreRun(overrides: Partial<RestoreRunInput> & { id: number }): RestoreRunInput {
  return {
    tenantId: 1,
    backupSetId: null,
    operationRunId: null,
    status: "completed",
    isDryRun: false,
    results: CLEAN_RESULTS,
    metadata: { scope_basis: "full" },
    createdAt: hoursAgo(5),
    completedAt: hoursAgo(4),
    archivedAt: null,
    ...overrides,
  };
}

export function opRun(id: number, outcome: string): OperationRunInput {
  return { id, type: "restore.execute", status: "completed", outcome };
}

// ── Overclaim check ──────────────────────────────────────────────────────────────────────────────────

const VERDICT_WORDS = /\b(healthy|protected|recoverable|recovered|safe|safely|guaranteed)\b/i;
const NEGATION = /\b(not|never)\b|n't\b/i;

/** Sentences that use a verdict word without negating it. Empty means the text makes no overall verdict. */
export function overclaimingSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .filter((sentence) => VERDICT_WORDS.test(sentence) && !NEGATION.test(sentence));
}

// ── Arbitraries ──────────────────────────────────────────────────────────────────────────────────────

/** Coarse hourly times around NOW so ties and threshold edges are frequent. */
export const arbDate = fc.integer({ min: -6, max: 60 }).map((h) => hoursAgo(h));

export const arbRestoreStatus = fc.oneof(
  { weight: 3, arbitrary: fc.constant("completed") },
  { weight: 3, arbitrary: fc.constantFrom(...RESTORE_KNOWN_STATUSES) },
  fc.constantFrom("Completed", "succeeded", "", "archived"),
  fc.string({ maxLength: 8 }),
);

export const arbOutcome = fc.oneof(
  { weight: 2, arbitrary: fc.constant("succeeded") },
  { weight: 4, arbitrary: fc.constantFrom(...OPERATION_RUN_OUTCOMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

const arbEntry = fc.oneof(
  { weight: 6, arbitrary: fc.record({ key: fc.string({ maxLength: 4 }), status: fc.constantFrom(...RESULT_ENTRY_STATUSES) }) },
  { weight: 1, arbitrary: fc.record({ status: fc.string({ maxLength: 6 }) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
);
const arbGroup = fc.oneof({ weight: 8, arbitrary: fc.array(arbEntry, { maxLength: 4 }) }, fc.jsonValue({ maxDepth: 1 }));

const arbAppliedEntries = fc.array(fc.record({ key: fc.string({ maxLength: 4 }), status: fc.constant("applied") }), {
  minLength: 1,
  maxLength: 3,
});

/** Often clean, mostly the documented shape, sometimes arbitrary JSON, sometimes arbitrary values. */
export const arbResults: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ items: arbAppliedEntries, assignments: arbAppliedEntries }, { requiredKeys: ["items"] }) },
  { weight: 6, arbitrary: fc.record({ items: arbGroup, foundations: arbGroup, assignments: arbGroup }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
);

export const arbMetadata: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({}) },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        non_applied: fc.oneof(fc.constant([]), fc.array(fc.record({ key: fc.string(), reason: fc.string() }), { maxLength: 2 }), fc.jsonValue({ maxDepth: 1 })),
        scope_basis: fc.constantFrom("full", "selected", "other"),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
);

/** A restore run without an id; history arbitraries assign ids. */
export const arbRunBody = fc.record({
  status: arbRestoreStatus,
  isDryRun: fc.boolean(),
  results: arbResults,
  metadata: arbMetadata,
  createdAt: arbDate,
  completedAt: fc.option(arbDate, { nil: null }),
  archivedAt: fc.option(arbDate, { nil: null }),
  opChoice: fc.option(fc.nat({ max: 5 }), { nil: null }),
});

export const arbHistory = fc
  .record({
    bodies: fc.array(arbRunBody, { maxLength: 8 }),
    outcomes: fc.array(arbOutcome, { maxLength: 4 }),
  })
  .map(({ bodies, outcomes }) => {
    const operationRuns = outcomes.map((outcome, i) => opRun(100 + i, outcome));
    // opChoice beyond the op list yields a dangling operationRunId (the linked run is missing).
    const runs = bodies.map(({ opChoice, ...body }, i) =>
      restoreRun({ id: i + 1, ...body, operationRunId: opChoice === null ? null : 100 + opChoice }),
    );
    return { runs, operationRuns };
  });

/** A run that can never be evidence: a dry run of any status, or a pre-execution / in-flight run. */
export const arbNoiseRun = fc
  .record({
    body: arbRunBody,
    kind: fc.oneof(fc.constant("dry" as const), fc.constantFrom(...RESTORE_NON_EXECUTED_STATUSES)),
  })
  .map(({ body: { opChoice, ...body }, kind }) =>
    kind === "dry"
      ? { ...body, isDryRun: true, operationRunId: opChoice === null ? null : 100 + opChoice }
      : { ...body, status: kind, operationRunId: opChoice === null ? null : 100 + opChoice },
  );

export const arbBackupSet = fc.record({
  status: fc.oneof(fc.constantFrom(...BACKUP_SET_STATUSES), fc.string({ maxLength: 5 })),
  failedItemCount: fc.oneof(fc.constant(0), fc.integer({ min: -1, max: 3 })),
  completedAt: fc.option(arbDate, { nil: null }),
  startedAt: fc.option(arbDate, { nil: null }),
});

export const arbBackupSets = fc
  .array(arbBackupSet, { maxLength: 7 })
  .map((sets) => sets.map((set, i): BackupSetInput => ({ id: i + 1, ...set })));
