/**
 * Dataset import (spec §8): validate everything, then write everything in one transaction.
 * Any invalid record means nothing is written; the error names the array, index and field.
 */
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { inArray, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { resolveResultAttention } from "../../lib/recovery/result-attention";
import type { Database, Executor } from "../client";
import * as schema from "../schema";
import {
  DATASET_ARRAYS,
  type Dataset,
  type DatasetArray,
  recordSchemas,
} from "./dataset-schema";
import { checkReferences, DatasetError } from "./references";

export { DatasetError };

export interface ParsedDataset {
  dataset: Dataset;
  /** Keys that are not part of the contract and were ignored, e.g. `restore_runs[2].note`. */
  warnings: string[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Validates the shape of every record. Throws DatasetError on the first bad record. */
export function parseDataset(raw: unknown): ParsedDataset {
  if (!isPlainObject(raw)) throw new DatasetError(null, null, null, "must be one JSON object");
  const warnings: string[] = [];
  const out: Record<string, unknown[]> = {};
  for (const array of DATASET_ARRAYS) {
    const value = raw[array];
    if (value === undefined || value === null) {
      out[array] = [];
      continue;
    }
    if (!Array.isArray(value)) throw new DatasetError(null, null, null, `"${array}" must be an array`);
    const recordSchema: z.ZodType = recordSchemas[array];
    const known = new Set(Object.keys((recordSchemas[array] as unknown as { shape: object }).shape));
    out[array] = value.map((record, index) => {
      if (!isPlainObject(record)) throw new DatasetError(array, index, null, "must be an object");
      const parsed = recordSchema.safeParse(record);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.length ? issue.path.map(String).join(".") : null;
        const missing = issue.code === "invalid_type" && record[String(issue.path[0])] === undefined && issue.path.length === 1;
        throw new DatasetError(array, index, field, missing ? "is required" : issue.message);
      }
      for (const key of Object.keys(record)) {
        if (!known.has(key)) warnings.push(`${array}[${index}].${key} is not part of the import format and was ignored`);
      }
      return parsed.data;
    });
  }
  return { dataset: out as unknown as Dataset, warnings };
}

export interface ImportOptions {
  replace?: boolean;
  onProgress?: (array: DatasetArray, done: number, total: number) => void;
}

export interface ImportSummary {
  tenants: number;
  users: number;
  memberships: number;
  backup_sets: number;
  operation_runs: number;
  restore_runs: number;
}

const BATCH = 1000;

async function insertAll(
  tx: Executor,
  array: DatasetArray,
  table: PgTable & { id: unknown },
  tableName: string,
  rows: Record<string, unknown>[],
  onProgress?: ImportOptions["onProgress"],
): Promise<void> {
  // Explicit ids first, then move the sequence past them, then rows without ids.
  const withId = rows.filter((r) => r.id !== undefined);
  const withoutId = rows.filter((r) => r.id === undefined);
  let done = 0;
  const write = async (list: Record<string, unknown>[]) => {
    for (let i = 0; i < list.length; i += BATCH) {
      const batch = list.slice(i, i + BATCH);
      await tx.insert(table).values(batch as never);
      done += batch.length;
      onProgress?.(array, done, rows.length);
    }
  };
  await write(withId);
  await resetSequence(tx, tableName);
  await write(withoutId);
  if (withoutId.length) await resetSequence(tx, tableName);
}

export async function resetSequence(tx: Executor, tableName: string): Promise<void> {
  await tx.execute(
    sql.raw(
      `select setval(pg_get_serial_sequence('"${tableName}"', 'id'), coalesce((select max(id) from "${tableName}"), 0) + 1, false)`,
    ),
  );
}

/** Empties every table the dataset owns (domain and people), inside the caller's transaction. */
export async function emptyDatasetTables(tx: Executor): Promise<void> {
  await tx.execute(
    sql.raw(
      `truncate table "restore_runs", "operation_runs", "backup_sets", "memberships", "sessions", "accounts", "verifications", "users", "tenants" restart identity cascade`,
    ),
  );
}

export async function importDataset(db: Database, d: Dataset, opts: ImportOptions = {}): Promise<ImportSummary> {
  // Password hashing is slow by design: do it before the transaction opens.
  const hashed = await Promise.all(d.users.map((u) => hashPassword(u.password)));
  const opOutcome = new Map(d.operation_runs.map((o) => [o.id, o.outcome] as const));

  return db.transaction(async (tx) => {
    if (opts.replace) await emptyDatasetTables(tx);
    await checkReferences(tx, d, Boolean(opts.replace));

    // Outcomes of existing operation runs referenced by new restore runs (for the attention cache).
    const externalOps = [
      ...new Set(d.restore_runs.flatMap((r) => (r.operation_run_id && !opOutcome.has(r.operation_run_id) ? [r.operation_run_id] : []))),
    ];
    for (let i = 0; i < externalOps.length; i += 10_000) {
      const rows = await tx
        .select({ id: schema.operationRuns.id, outcome: schema.operationRuns.outcome })
        .from(schema.operationRuns)
        .where(inArray(schema.operationRuns.id, externalOps.slice(i, i + 10_000)));
      rows.forEach((r) => opOutcome.set(r.id, r.outcome));
    }

    await insertAll(tx, "tenants", schema.tenants, "tenants", d.tenants.map((t) => ({
      id: t.id, name: t.name, slug: t.slug, backupStaleAfterHours: t.backup_stale_after_hours,
      restoreEvidenceStaleAfterDays: t.restore_evidence_stale_after_days, createdAt: t.created_at,
    })), opts.onProgress);

    await insertAll(tx, "backup_sets", schema.backupSets, "backup_sets", d.backup_sets.map((b) => ({
      id: b.id, tenantId: b.tenant_id, name: b.name, status: b.status, itemCount: b.item_count,
      failedItemCount: b.failed_item_count, startedAt: b.started_at, completedAt: b.completed_at, createdAt: b.created_at,
    })), opts.onProgress);

    await insertAll(tx, "operation_runs", schema.operationRuns, "operation_runs", d.operation_runs.map((o) => ({
      id: o.id, tenantId: o.tenant_id, type: o.type, status: o.status, outcome: o.outcome,
      startedAt: o.started_at, completedAt: o.completed_at,
    })), opts.onProgress);

    await insertAll(tx, "restore_runs", schema.restoreRuns, "restore_runs", d.restore_runs.map((r) => {
      const outcome = r.operation_run_id !== null ? opOutcome.get(r.operation_run_id) : undefined;
      const attention = resolveResultAttention(
        { status: r.status, isDryRun: r.is_dry_run, results: r.results, metadata: r.metadata },
        outcome === undefined ? null : { outcome },
      );
      return {
        id: r.id, tenantId: r.tenant_id, backupSetId: r.backup_set_id, operationRunId: r.operation_run_id,
        status: r.status, isDryRun: r.is_dry_run, results: r.results, metadata: r.metadata,
        createdAt: r.created_at, completedAt: r.completed_at, archivedAt: r.archived_at,
        attentionState: attention.state,
      };
    }), opts.onProgress);

    // Memberships carry their tenant's name (the header's tenant list reads it in name order); the tenants
    // are this dataset's or, without --replace, ones already stored.
    const tenantNames = new Map<number, string>();
    const memberTenantIds = [...new Set(d.users.flatMap((u) => u.memberships.map((m) => m.tenant_id)))];
    for (let i = 0; i < memberTenantIds.length; i += 10_000) {
      const rows = await tx
        .select({ id: schema.tenants.id, name: schema.tenants.name })
        .from(schema.tenants)
        .where(inArray(schema.tenants.id, memberTenantIds.slice(i, i + 10_000)));
      for (const r of rows) tenantNames.set(r.id, r.name);
    }

    let memberships = 0;
    for (const [i, u] of d.users.entries()) {
      const userId = randomUUID();
      await tx.insert(schema.users).values({ id: userId, email: u.email, name: u.name, emailVerified: true });
      await tx.insert(schema.accounts).values({
        id: randomUUID(), accountId: userId, providerId: "credential", userId, password: hashed[i]!,
      });
      if (u.memberships.length) {
        await tx.insert(schema.memberships).values(
          u.memberships.map((m) => ({ userId, tenantId: m.tenant_id, role: m.role, tenantName: tenantNames.get(m.tenant_id)! })),
        );
        memberships += u.memberships.length;
      }
      opts.onProgress?.("users", i + 1, d.users.length);
    }

    return {
      tenants: d.tenants.length,
      users: d.users.length,
      memberships,
      backup_sets: d.backup_sets.length,
      operation_runs: d.operation_runs.length,
      restore_runs: d.restore_runs.length,
    };
  });
}
