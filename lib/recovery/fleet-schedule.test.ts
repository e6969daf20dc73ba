import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessTenant, type TenantAssessmentInputs } from "./assessment";
import { isRelevantRestoreRun, compareLatestRelevant } from "./evidence-summary";
import { EVIDENCE_AGE_BUCKETS } from "./fleet-distribution";
import {
  decodeRankSignature,
  encodeRankSignature,
  fleetSchedule,
  MAX_RANK_ITEMS,
  RANK_CODE_ORDER_DIVISOR,
  rankCodeDigit,
  rankSignature,
  scheduleArrays,
  signatureAt,
  SINCE_EVER,
  type RankSignature,
} from "./fleet-schedule";
import { SEVERITY_FILTERS, severityRank } from "./needs-attention";
import { BACKUP_POSTURES, OVERVIEW_STATES } from "./vocabulary";
import { arbBackupSets, arbHistory, backupSet, HOUR_MS, hoursAgo, NOW, restoreRun } from "./test-support";

const DAY_MS = 24 * HOUR_MS;

const arbInputs: fc.Arbitrary<TenantAssessmentInputs> = fc
  .record({
    sets: arbBackupSets,
    history: arbHistory,
    staleHours: fc.oneof(fc.constantFrom(1, 24, 48), fc.integer({ min: 0, max: 2_000 })),
    staleDays: fc.oneof(fc.constantFrom(0, 1, 2, 90), fc.integer({ min: 0, max: 4_000 })),
  })
  .map(({ sets, history, staleHours, staleDays }) => {
    const run = history.runs.filter(isRelevantRestoreRun).sort(compareLatestRelevant)[0];
    const operationRun = run ? (history.operationRuns.find((o) => o.id === run.operationRunId) ?? null) : null;
    return {
      tenant: { id: 1, backupStaleAfterHours: staleHours, restoreEvidenceStaleAfterDays: staleDays },
      backupSets: sets,
      latestRelevant: run ? { run, operationRun } : null,
    };
  });

/** The instants the evidence names, and a millisecond or two either side of every window edge. */
function interestingNows(inputs: TenantAssessmentInputs): number[] {
  const times = [
    ...inputs.backupSets.flatMap((s) => [s.completedAt, s.startedAt ?? null]),
    inputs.latestRelevant?.run.createdAt ?? null,
    inputs.latestRelevant?.run.completedAt ?? null,
  ].flatMap((d) => (d ? [d.getTime()] : []));
  const edges = times.flatMap((t) => [
    t - 5 * 60_000,
    t + inputs.tenant.backupStaleAfterHours * HOUR_MS,
    t + inputs.tenant.restoreEvidenceStaleAfterDays * DAY_MS,
    t + 30 * DAY_MS,
    t + 90 * DAY_MS,
    t + 365 * DAY_MS,
  ]);
  return [...times, ...edges].flatMap((t) => [t - 2, t - 1, t, t + 1, t + 2]);
}

describe("fleetSchedule: the rank fields of assessTenant as a function of now", () => {
  it("at every instant, the scheduled signature is the assessment's, for every role", () => {
    fc.assert(
      fc.property(arbInputs, fc.array(fc.integer({ min: -2_000 * DAY_MS, max: 6_000 * DAY_MS }), { maxLength: 6 }), (inputs, offsets) => {
        const schedule = fleetSchedule(inputs);
        const nows = [...interestingNows(inputs), ...offsets.map((o) => NOW.getTime() + o)];
        for (const ms of nows) {
          for (const canViewRestoreHistory of [true, false]) {
            const assessment = assessTenant(inputs, { now: new Date(ms), canViewRestoreHistory });
            expect({ ms, sig: signatureAt(schedule, ms) }).toStrictEqual({ ms, sig: rankSignature(assessment, new Date(ms)) });
            expect(schedule.at).toBe(assessment.evidence.latestRelevantRestoreAt);
          }
        }
        // What is stored (each signature's code) reads back as the signature.
        for (const [, sig] of schedule.s) expect(decodeRankSignature(encodeRankSignature(sig))).toStrictEqual(sig);
      }),
      { numRuns: 400 },
    );
  });

  it("a clean restore 80 days old in a 90-day window goes stale at exactly 90 days and 1 ms", () => {
    const run = restoreRun({ id: 7, createdAt: new Date(NOW.getTime() - 80 * DAY_MS - HOUR_MS), completedAt: new Date(NOW.getTime() - 80 * DAY_MS) });
    const inputs: TenantAssessmentInputs = {
      tenant: { id: 1, backupStaleAfterHours: 24, restoreEvidenceStaleAfterDays: 90 },
      backupSets: [backupSet({ id: 1, completedAt: hoursAgo(1) })],
      latestRelevant: { run, operationRun: null },
    };
    const schedule = fleetSchedule(inputs);
    const edge = run.completedAt!.getTime() + 90 * DAY_MS;
    expect(signatureAt(schedule, NOW.getTime())).toMatchObject({ severity: "none", itemCount: 0, restoreEvidenceStale: false, backupPosture: "healthy" });
    expect(signatureAt(schedule, edge)).toMatchObject({ restoreEvidenceStale: false });
    expect(signatureAt(schedule, edge + 1)).toMatchObject({ severity: "medium", restoreEvidenceStale: true });
    // The backup goes stale 23 hours from NOW (24-hour window, completed an hour ago), long before.
    expect(signatureAt(schedule, NOW.getTime() + 23 * HOUR_MS + 1)).toMatchObject({ backupPosture: "stale", itemCount: 1 });
    // A future-dated restore (clock skew) weakens until it is at most 5 minutes ahead.
    const ahead = { ...inputs, latestRelevant: { run: restoreRun({ id: 8, createdAt: new Date(NOW.getTime() + HOUR_MS), completedAt: null }), operationRun: null } };
    const skewed = fleetSchedule(ahead);
    expect(signatureAt(skewed, NOW.getTime())).toMatchObject({ overviewState: "weakened", severity: "medium" });
    expect(signatureAt(skewed, NOW.getTime() + HOUR_MS - 5 * 60_000)).toMatchObject({ overviewState: "no_recent_issues_visible" });
  });

  it("a stored code that is not one reads as missing, never as a calm state", () => {
    for (const bad of [null, "x", -1, 1.5, "1e3", {}, 576_000, Number.MAX_SAFE_INTEGER, 2 ** 60]) {
      expect(decodeRankSignature(bad)).toBeNull();
    }
  });
});

const arbSignature: fc.Arbitrary<RankSignature> = fc.record({
  severity: fc.constantFrom(...SEVERITY_FILTERS),
  itemCount: fc.integer({ min: 0, max: MAX_RANK_ITEMS }),
  overviewState: fc.constantFrom(...OVERVIEW_STATES),
  backupPosture: fc.constantFrom(...BACKUP_POSTURES),
  restoreEvidenceStale: fc.boolean(),
  evidenceAge: fc.constantFrom(...EVIDENCE_AGE_BUCKETS),
});

describe("rank codes: a signature as one stored integer", () => {
  it("decodes to the signature it encodes, and distinct signatures have distinct codes", () => {
    fc.assert(
      fc.property(arbSignature, arbSignature, (a, b) => {
        const [ca, cb] = [encodeRankSignature(a), encodeRankSignature(b)];
        expect(decodeRankSignature(ca)).toStrictEqual({ ...a });
        expect(decodeRankSignature(String(ca))).toStrictEqual({ ...a });
        expect(ca === cb).toBe(JSON.stringify(a) === JSON.stringify(b));
      }),
      { numRuns: 2000 },
    );
  });

  it("its high digits order as the §10 order's first two keys: severity, then more items first", () => {
    fc.assert(
      fc.property(arbSignature, arbSignature, (a, b) => {
        const high = (s: RankSignature) => Math.floor(encodeRankSignature(s)! / RANK_CODE_ORDER_DIVISOR);
        const expected = Math.sign(severityRank(a.severity) - severityRank(b.severity) || b.itemCount - a.itemCount);
        expect(Math.sign(high(a) - high(b))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("each field's digit reads back at its weight (what the statement's filters compute)", () => {
    fc.assert(
      fc.property(arbSignature, (s) => {
        const code = encodeRankSignature(s)!;
        const digit = (f: Parameters<typeof rankCodeDigit>[0]) => Math.floor(code / rankCodeDigit(f).weight) % rankCodeDigit(f).radix;
        expect(digit("severity")).toBe(severityRank(s.severity));
        expect(MAX_RANK_ITEMS - digit("items")).toBe(s.itemCount);
        expect(OVERVIEW_STATES[digit("overviewState")]).toBe(s.overviewState);
        expect(BACKUP_POSTURES[digit("backupPosture")]).toBe(s.backupPosture);
        expect(digit("restoreEvidenceStale") === 1).toBe(s.restoreEvidenceStale);
        expect(EVIDENCE_AGE_BUCKETS[digit("evidenceAge")]).toBe(s.evidenceAge);
      }),
    );
  });

  it("a signature with more items than a digit holds has no code (its tenant gets no stored schedule)", () => {
    const sig: RankSignature = { severity: "medium", itemCount: MAX_RANK_ITEMS + 1, overviewState: "weakened", backupPosture: "stale", restoreEvidenceStale: true, evidenceAge: "none" };
    expect(encodeRankSignature(sig)).toBeNull();
    expect(scheduleArrays({ s: [[null, sig]] })).toBeNull();
    expect(scheduleArrays({ s: [[null, { ...sig, itemCount: 2 }], [5, { ...sig, itemCount: 1 }]] })).toStrictEqual({
      validFrom: [SINCE_EVER, 5],
      codes: [encodeRankSignature({ ...sig, itemCount: 2 }), encodeRankSignature({ ...sig, itemCount: 1 })],
    });
  });
});
