/**
 * The one writer of the audit log (spec §14). Call it with the executor of the action's own transaction
 * (`tx`), so the action and its audit row commit or roll back together; actions without a transaction of
 * their own (a sign-in failure, an export) pass the database handle.
 *
 *   await db.transaction(async (tx) => { …the action…; await recordAudit(tx, { actorType: "user", … }); });
 *
 * The log is append-only: there is no update or delete function, and the database refuses both
 * (migration 0005_audit_append_only).
 */
import { redactDetail } from "../lib/redact";
import { auditEvents } from "./audit-schema";
import type { Executor } from "./client";

export type AuditActorType = "user" | "api_key" | "system";

export { AUDIT_ACTIONS, type AuditAction } from "../lib/audit-actions";
import type { AuditAction } from "../lib/audit-actions";

export interface AuditEntry {
  actorType: AuditActorType;
  /** User id or API-key id; null when nobody is identified. */
  actorId: string | null;
  /** The tenant concerned; null for account-level actions. */
  tenantId: number | null;
  action: AuditAction;
  /** What was acted on, e.g. `tenant:4`, `restore_run:17`, `api_key:<id>`. */
  target?: string | null;
  clientAddress?: string | null;
  /** Small structured context. Keys that name secrets (password, token, secret, key…) are redacted. */
  detail?: Record<string, unknown> | null;
  /** A readable label of the actor at the time (email, key name). Never a secret. */
  actorLabel?: string | null;
  /** Defaults to the database's now(). */
  occurredAt?: Date;
}

function toRow(entry: AuditEntry) {
  return {
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorLabel: entry.actorLabel ?? null,
    tenantId: entry.tenantId,
    action: entry.action,
    target: entry.target ?? null,
    clientAddress: entry.clientAddress ?? null,
    detail: entry.detail ? redactDetail(entry.detail) : null,
    ...(entry.occurredAt ? { occurredAt: entry.occurredAt } : {}),
  };
}

export async function recordAudit(executor: Executor, entry: AuditEntry): Promise<void> {
  await executor.insert(auditEvents).values(toRow(entry));
}

/** Several entries of one action (e.g. an import touching many tenants), in batches. */
export async function recordAuditMany(executor: Executor, entries: AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    await executor.insert(auditEvents).values(entries.slice(i, i + 1000).map(toRow));
  }
}
