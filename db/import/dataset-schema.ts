/**
 * The dataset import contract (spec §8), validated with zod at the boundary.
 * Required fields are the ones whose absence would let a default overclaim (a missing `is_dry_run`
 * must not become "a real restore"; a missing `created_at` must not make an old run look newest).
 * Unknown keys are ignored and reported as warnings.
 */
import { z } from "zod";
import { MEMBERSHIP_ROLES } from "../../lib/recovery/vocabulary";

const MAX_INT = 2_147_483_647;
const id = z.number({ error: "must be an integer id" }).int("must be an integer id").min(1).max(MAX_INT);
const count = z.number({ error: "must be a non-negative integer" }).int().min(0).max(MAX_INT);
const text = z.string({ error: "must be a string" });
const nonEmpty = text.trim().min(1, "must not be empty");

/** ISO-8601 date-time; with `Z` or an offset, or without (read as UTC). Returns a Date. */
const timestamp = text
  .refine(
    (v) =>
      /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i.test(v) &&
      !Number.isNaN(Date.parse(toUtc(v))),
    { message: "must be an ISO-8601 timestamp" },
  )
  .transform((v) => new Date(Date.parse(toUtc(v))));

function toUtc(v: string): string {
  const s = v.replace(" ", "T");
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return `${s}T00:00:00Z`;
  return /(?:Z|[+-]\d{2}:?\d{2})$/i.test(s) ? s : `${s}Z`;
}

const nullableTimestamp = timestamp.nullable().optional().transform((v) => v ?? null);
/** Any JSON value, stored as given. */
const json = z.unknown().optional().transform((v) => (v === undefined ? null : v));

export const tenantRecord = z.object({
  id: id.optional(),
  name: nonEmpty,
  slug: nonEmpty.regex(/^[a-z0-9][a-z0-9-]*$/i, "must be letters, digits and dashes"),
  backup_stale_after_hours: count.optional().default(24),
  restore_evidence_stale_after_days: count.optional().default(90),
  created_at: timestamp.optional(),
});

export const backupSetRecord = z.object({
  id: id.optional(),
  tenant_id: id,
  name: nonEmpty,
  status: text,
  item_count: count.optional().default(0),
  failed_item_count: count.optional().default(0),
  started_at: nullableTimestamp,
  completed_at: nullableTimestamp,
  created_at: timestamp.optional(),
});

export const operationRunRecord = z.object({
  id: id.optional(),
  tenant_id: id,
  type: nonEmpty,
  status: text,
  outcome: text,
  started_at: nullableTimestamp,
  completed_at: nullableTimestamp,
});

export const restoreRunRecord = z.object({
  id: id.optional(),
  tenant_id: id,
  backup_set_id: id.nullable().optional().transform((v) => v ?? null),
  operation_run_id: id.nullable().optional().transform((v) => v ?? null),
  /** Any string: unrecognized statuses are real-world data, handled by the resolver. */
  status: text,
  is_dry_run: z.boolean({ error: "must be true or false" }),
  results: json,
  metadata: json,
  created_at: timestamp,
  completed_at: nullableTimestamp,
  archived_at: nullableTimestamp,
});

export const userRecord = z.object({
  email: text.trim().toLowerCase().pipe(z.email("must be an email address")),
  name: nonEmpty,
  password: text.min(1, "must not be empty").max(512),
  memberships: z
    .array(
      z.object({
        tenant_id: id,
        role: z.enum(MEMBERSHIP_ROLES, { error: `must be one of ${MEMBERSHIP_ROLES.join(", ")}` }),
      }),
    )
    .optional()
    .default([]),
});

export const DATASET_ARRAYS = ["tenants", "users", "backup_sets", "operation_runs", "restore_runs"] as const;
export type DatasetArray = (typeof DATASET_ARRAYS)[number];

export const recordSchemas = {
  tenants: tenantRecord,
  users: userRecord,
  backup_sets: backupSetRecord,
  operation_runs: operationRunRecord,
  restore_runs: restoreRunRecord,
} as const;

export type TenantRecord = z.output<typeof tenantRecord>;
export type BackupSetRecord = z.output<typeof backupSetRecord>;
export type OperationRunRecord = z.output<typeof operationRunRecord>;
export type RestoreRunRecord = z.output<typeof restoreRunRecord>;
export type UserRecord = z.output<typeof userRecord>;

export interface Dataset {
  tenants: TenantRecord[];
  users: UserRecord[];
  backup_sets: BackupSetRecord[];
  operation_runs: OperationRunRecord[];
  restore_runs: RestoreRunRecord[];
}
