/**
 * The dataset import contract (spec §8), validated with zod at the boundary.
 * Required fields are the ones whose absence would let a default overclaim (a missing `is_dry_run`
 * must not become "a real restore"; a missing `created_at` must not make an old run look newest).
 * Unknown keys are ignored and reported as warnings.
 */
import { z } from "zod";
import { MEMBERSHIP_ROLES } from "../../lib/recovery/vocabulary";
import { isStorableText } from "../../lib/text";

const STRING_PROBLEM = "must not contain a NUL byte or a lone surrogate";

const MAX_INT = 2_147_483_647;
const id = z.number({ error: "must be an integer id" }).int("must be an integer id").min(1).max(MAX_INT);
const count = z.number({ error: "must be a non-negative integer" }).int().min(0).max(MAX_INT);
/** Any string the database can store: no NUL byte, no lone surrogate (spec §14). */
const text = z.string({ error: "must be a string" }).refine(isStorableText, { message: STRING_PROBLEM });
const nonEmpty = text.trim().min(1, "must not be empty");

/**
 * ISO-8601 date-time; with `Z` or an offset, or without (read as UTC). Returns a Date. Strict: the date
 * must exist (2026-02-31 is rejected, never rolled over into March), years run 0001–9999, hours 00–23,
 * offsets up to ±14:00.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-](\d{2}):?(\d{2}))?$/i;
const timestamp = text
  .refine((v) => parseStrictInstant(v) !== null, { message: "must be an ISO-8601 timestamp of a real date and time" })
  .transform((v) => parseStrictInstant(v)!);

export function parseStrictInstant(v: string): Date | null {
  const m = ISO.exec(v);
  if (!m) return null;
  const [, y, mo, d, h = "00", mi = "00", sec = "00", zone, oh = "00", om = "00"] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(2000, month, 0)).getUTCDate() || (month === 2 && day === 29 && !isLeap(year))) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return null;
  if (zone && zone.toUpperCase() !== "Z" && (Number(oh) > 14 || Number(om) > 59)) return null;
  const s = v.replace(" ", "T");
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : zone ? s : `${s}Z`;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const nullableTimestamp = timestamp.nullable().optional().transform((v) => v ?? null);

/**
 * Any JSON value, stored as given — as long as the database can store it: strings and keys without NUL
 * bytes or lone surrogates, nesting at most 64 deep. Walked without recursion, so a hostile 100,000-deep
 * value is refused by name instead of overflowing the stack.
 */
export const MAX_JSON_DEPTH = 64;
const json = z
  .unknown()
  .superRefine((value, ctx) => {
    const problem = jsonProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem.message, path: problem.path });
  })
  .optional()
  .transform((v) => (v === undefined ? null : v));

export function jsonProblem(root: unknown): { path: (string | number)[]; message: string } | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (path.length > MAX_JSON_DEPTH) return { path: path.slice(0, MAX_JSON_DEPTH), message: `nests deeper than ${MAX_JSON_DEPTH} levels` };
    if (typeof value === "string") {
      if (!isStorableText(value)) return { path, message: STRING_PROBLEM };
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (!isStorableText(k)) return { path, message: "has a key with a NUL byte or a lone surrogate" };
        stack.push({ value: v, path: [...path, k] });
      }
    }
  }
  return null;
}

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
