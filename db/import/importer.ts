/**
 * Dataset import (spec §8): validate everything, then write everything in one transaction.
 * Any invalid record means nothing is written; the error names the array, index and field.
 */
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { inArray, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { Database, Executor } from "../client";
import { resetSequence } from "../write/sequences";
import { DatasetError } from "./dataset-error";
import { checkReferences } from "./references";
import { upsertTenants, upsertUser } from "./merge";
import { refreshAllTenantEvidence } from "../write/tenant-evidence";
import { writeEvidence } from "../write/evidence-writer";
import * as schema from "../schema";
import {
  DATASET_ARRAYS,
  type Dataset,
  type DatasetArray,
  recordSchemas,
} from "./dataset-schema";
import { auditImport } from "./import-audit";
import { futureDatedWarnings } from "./future-dated";

export { DatasetError, RecordConflictError } from "./dataset-error";
export { resetSequence } from "../write/sequences";

export interface ParsedDataset {
  dataset: Dataset;
  /** Ignored keys (e.g. `restore_runs[2].note`) and future-dated times (spec §9), each naming record and field. */
  warnings: string[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Validates the shape of every record. Throws DatasetError on the first bad record. `now` decides future-dated warnings. */
export function parseDataset(raw: unknown, opts: { now?: Date } = {}): ParsedDataset {
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
  const dataset = out as unknown as Dataset;
  return { dataset, warnings: [...futureDatedWarnings(dataset, opts.now ?? new Date()), ...warnings] };
}

export interface ImportOptions {
  replace?: boolean;
  /** Create or replace by id (tenants, evidence records) and by email (users), instead of failing on existing ones. */
  merge?: boolean;
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

/** Empties every table the dataset owns (domain and people), inside the caller's transaction. */
export async function emptyDatasetTables(tx: Executor): Promise<void> {
  await tx.execute(
    sql.raw(
      `truncate table "tenant_evidence", "restore_runs", "operation_runs", "backup_sets", "memberships", "sessions", "accounts", "verifications", "users", "tenants" restart identity cascade`,
    ),
  );
}

export async function importDataset(db: Database, d: Dataset, opts: ImportOptions = {}): Promise<ImportSummary> {
  // Password hashing is slow by design: do it before the transaction opens.
  const hashed = await Promise.all(d.users.map((u) => hashPassword(u.password)));

  return db.transaction(async (tx) => {
    const merge = Boolean(opts.merge) && !opts.replace;
    if (opts.replace) await emptyDatasetTables(tx);
    await checkReferences(tx, d, Boolean(opts.replace), merge);

    const tenantRows = d.tenants.map((t) => ({
      id: t.id, name: t.name, slug: t.slug, backupStaleAfterHours: t.backup_stale_after_hours,
      restoreEvidenceStaleAfterDays: t.restore_evidence_stale_after_days, createdAt: t.created_at,
    }));
    if (merge) {
      await upsertTenants(tx, tenantRows);
    } else {
      await insertAll(tx, "tenants", schema.tenants, "tenants", tenantRows, opts.onProgress);
    }

    // Evidence records go through the one write module: attention cache, outbox and event state included.
    await writeEvidence(
      tx,
      { backup_sets: d.backup_sets, operation_runs: d.operation_runs, restore_runs: d.restore_runs },
      { mode: merge ? "upsert" : "insert", onProgress: opts.onProgress },
    );

    // Tenants of this dataset with no evidence record get their (empty) fleet projection row too.
    await refreshAllTenantEvidence(tx, { onlyMissing: true });

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
      if (merge) {
        memberships += await upsertUser(tx, u, hashed[i]!, tenantNames);
        opts.onProgress?.("users", i + 1, d.users.length);
        continue;
      }
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

    await auditImport(tx, d, Boolean(opts.replace));
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
