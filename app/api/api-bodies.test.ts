/**
 * The §8 JSON API's bodies, one hand-written history per overview state, and its answer when a query
 * fails after sign-in. Expected values are written out literally (spec §2–§4 strings), not recomputed
 * with the code under test.
 */
import { describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { databaseKind } from "@/test/db";
import { ago, call, cookies, db, errorBody, POSITIVE_CLAIM_BOUNDARY, useApiFixture } from "./api-fixture";

useApiFixture();

/* ───────────────────────── bodies, field by field ───────────────────────── */

describe(`JSON API bodies (${databaseKind()})`, () => {
  it("evidence, weakened by the latest relevant run (dry runs and in-flight runs after it do not count)", async () => {
    const { status, body } = await call("evidence", "1", cookies.alice);
    expect(status).toBe(200);
    expect(body).toStrictEqual({
      tenantId: 1,
      backupPosture: "healthy",
      relevantRestoreHistoryPresent: true,
      latestRelevantRestoreRunId: 102,
      latestRelevantAttentionState: "failed",
      overviewState: "weakened",
      headline: "Recovery evidence is weakened",
      summary: expect.stringContaining("#102"),
      claimBoundary: expect.stringMatching(/\S/),
      action: { label: "Review restore run #102", url: "/restore-runs/102", disabled: false, helperText: null },
      latestRelevantRestoreAt: ago(4),
      restoreEvidenceStale: false,
    });
  });

  it("evidence, unvalidated: only a preview and a dry run, no backup sets", async () => {
    const { status, body } = await call("evidence", "3", cookies.alice);
    expect(status).toBe(200);
    expect(body).toStrictEqual({
      tenantId: 3,
      backupPosture: "absent",
      relevantRestoreHistoryPresent: false,
      latestRelevantRestoreRunId: null,
      latestRelevantAttentionState: null,
      overviewState: "unvalidated",
      headline: "Recovery confidence is unvalidated",
      summary: expect.stringMatching(/\S/),
      claimBoundary: expect.stringMatching(/\S/),
      action: { label: "Open restore history", url: "/restore-runs?recovery_posture_reason=no_history", disabled: false, helperText: null },
      latestRelevantRestoreAt: null,
      restoreEvidenceStale: false,
    });
  });

  it("evidence, no recent issues visible: a clean latest run, still not proof of recoverability", async () => {
    const { status, body } = await call("evidence", "4", cookies.alice);
    expect(status).toBe(200);
    expect(body).toStrictEqual({
      tenantId: 4,
      backupPosture: "stale",
      relevantRestoreHistoryPresent: true,
      latestRelevantRestoreRunId: 402,
      latestRelevantAttentionState: "completed",
      overviewState: "no_recent_issues_visible",
      headline: "No recent restore issues are visible",
      summary: expect.stringContaining("#402"),
      claimBoundary: expect.stringMatching(/not proof/i),
      action: {
        label: "View restore history",
        url: "/restore-runs?recovery_posture_reason=no_recent_issues_visible",
        disabled: false,
        helperText: null,
      },
      latestRelevantRestoreAt: ago(3),
      restoreEvidenceStale: false,
    });
  });

  it("evidence, weakened by an archived partial run: the list fallback URL, and created_at as its time", async () => {
    const { status, body } = await call("evidence", "5", cookies.alice);
    expect(status).toBe(200);
    expect(body).toStrictEqual({
      tenantId: 5,
      backupPosture: "degraded",
      relevantRestoreHistoryPresent: true,
      latestRelevantRestoreRunId: 501,
      latestRelevantAttentionState: "partial",
      overviewState: "weakened",
      headline: "Recovery evidence is weakened",
      summary: expect.stringContaining("#501"),
      claimBoundary: expect.stringMatching(/\S/),
      action: { label: "Review restore run #501", url: "/restore-runs?recovery_posture_reason=partial", disabled: false, helperText: null },
      latestRelevantRestoreAt: ago(2),
      restoreEvidenceStale: false,
    });
  });

  it("backup health for each posture", async () => {
    const expected = {
      1: { posture: "healthy", primaryReason: null, healthyClaimAllowed: true, primaryActionTarget: { label: expect.any(String), url: "/backup-sets/11" } },
      3: { posture: "absent", primaryReason: "no_backup_sets", healthyClaimAllowed: false, primaryActionTarget: { label: expect.any(String), url: "/backup-sets" } },
      4: { posture: "stale", primaryReason: "latest_backup_stale", healthyClaimAllowed: false, primaryActionTarget: { label: expect.any(String), url: "/backup-sets/41" } },
      5: { posture: "degraded", primaryReason: "latest_backup_has_failed_items", healthyClaimAllowed: false, primaryActionTarget: { label: expect.any(String), url: "/backup-sets/51" } },
    } as const;
    for (const [tenantId, fields] of Object.entries(expected)) {
      const { status, body } = await call("health", tenantId, cookies.alice);
      expect(status).toBe(200);
      expect(body).toStrictEqual({
        tenantId: Number(tenantId),
        ...fields,
        headline: expect.stringMatching(/\S/),
        supportingMessage: expect.stringMatching(/\S/),
        positiveClaimBoundary: POSITIVE_CLAIM_BOUNDARY,
      });
    }
  });

  it("a run: its columns in snake_case with ISO times, plus attention; no internal cache column", async () => {
    const { status, body } = await call("run", "102", cookies.alice);
    expect(status).toBe(200);
    expect(body).toStrictEqual({
      id: 102,
      tenant_id: 1,
      backup_set_id: 11,
      operation_run_id: null,
      status: "failed",
      is_dry_run: false,
      results: { items: [{ key: "policy:1", status: "failed" }] },
      metadata: { scope_basis: "selected", note: "<script>" },
      created_at: ago(5),
      completed_at: ago(4),
      archived_at: null,
      attention: {
        state: "failed",
        summary: expect.stringMatching(/\S/),
        followUpRequired: true,
        primaryNextAction: expect.stringMatching(/\S/),
        recoveryClaimBoundary: "no_recovery_claim",
        tone: "danger",
      },
    });
    expect(body).not.toHaveProperty("attention_state");
    expect(body).not.toHaveProperty("attentionState");
  });

  it("runs: archived partial, unrecognized status with junk JSON, a dry run, and the operation run's outcome", async () => {
    const archived = await call("run", "501", cookies.alice);
    expect(archived.body).toMatchObject({
      id: 501, status: "partial", completed_at: null, created_at: ago(2), archived_at: ago(1),
      attention: { state: "partial", followUpRequired: true, recoveryClaimBoundary: "partial_recovery_only", tone: "warning" },
    });
    const odd = await call("run", "403", cookies.alice);
    expect(odd.status).toBe(200);
    expect(odd.body).toMatchObject({
      id: 403, status: "Completed", results: "garbage", metadata: 7,
      attention: { state: "completed_with_follow_up", followUpRequired: true, recoveryClaimBoundary: "follow_up_weakens_confidence", tone: "warning" },
    });
    expect((odd.body as { attention: { summary: string } }).attention.summary).toContain('"Completed"');
    const dry = await call("run", "103", cookies.alice);
    expect(dry.body).toMatchObject({ id: 103, is_dry_run: true, attention: { state: "not_executed", followUpRequired: false, recoveryClaimBoundary: "preview_only", tone: "neutral" } });
    // Status "completed", clean results, but the linked operation run failed.
    const opFailed = await call("run", "401", cookies.alice);
    expect(opFailed.body).toMatchObject({ id: 401, operation_run_id: 32, attention: { state: "failed", tone: "danger" } });
    const clean = await call("run", "402", cookies.alice);
    expect(clean.body).toMatchObject({ id: 402, operation_run_id: 31, attention: { state: "completed", followUpRequired: false, recoveryClaimBoundary: "run_outcome_only", tone: "success" } });
  });

  it("attention is computed from the row and its operation run, never read from the attention_state cache", async () => {
    await db.execute(sql`update restore_runs set attention_state = 'completed' where id in (102, 401)`);
    try {
      expect((await call("run", "102", cookies.alice)).body).toMatchObject({ attention: { state: "failed" } });
      expect((await call("run", "401", cookies.alice)).body).toMatchObject({ attention: { state: "failed" } });
      expect((await call("evidence", "1", cookies.alice)).body).toMatchObject({ latestRelevantAttentionState: "failed", overviewState: "weakened" });
    } finally {
      await db.execute(sql`update restore_runs set attention_state = 'failed' where id in (102, 401)`);
    }
  });
});

/* ───────────────────────── the database failing under a signed-in operator ───────────────────────── */

describe(`JSON API when a query fails after sign-in (${databaseKind()})`, () => {
  it("answers 503 unavailable, never a calm body, never a 500", async () => {
    // The session and membership lookups still work; the evidence queries then fail.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await db.execute(sql`alter table restore_runs rename to restore_runs_away`);
    try {
      for (const [endpoint, id] of [["evidence", "1"], ["run", "102"]] as const) {
        const { status, body } = await call(endpoint, id, cookies.alice);
        expect({ endpoint, status }).toStrictEqual({ endpoint, status: 503 });
        expect(body).toStrictEqual(errorBody("unavailable"));
      }
      expect(logged).toHaveBeenCalled(); // the cause is logged server-side
    } finally {
      await db.execute(sql`alter table restore_runs_away rename to restore_runs`);
      logged.mockRestore();
    }
    expect((await call("evidence", "1", cookies.alice)).status).toBe(200);
  });
});
