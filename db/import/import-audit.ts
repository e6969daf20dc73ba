import { recordAuditMany, type AuditEntry } from "../audit";
import type { Executor } from "../client";
import type { Dataset } from "./dataset-schema";

/**
 * The audit rows of one dataset import (spec §14), written inside the import's transaction: one per
 * tenant the dataset touches, so each tenant's owners see what an import did to their tenant.
 */
export async function auditImport(tx: Executor, d: Dataset, replace: boolean): Promise<void> {
  const perTenant = new Map<number, Record<string, number>>();
  const bump = (tenantId: number | undefined, what: string) => {
    if (tenantId === undefined) return;
    const counts = perTenant.get(tenantId) ?? {};
    counts[what] = (counts[what] ?? 0) + 1;
    perTenant.set(tenantId, counts);
  };
  d.tenants.forEach((t) => bump(t.id, "tenants"));
  d.backup_sets.forEach((r) => bump(r.tenant_id, "backup_sets"));
  d.operation_runs.forEach((r) => bump(r.tenant_id, "operation_runs"));
  d.restore_runs.forEach((r) => bump(r.tenant_id, "restore_runs"));
  d.users.forEach((u) => u.memberships.forEach((m) => bump(m.tenant_id, "memberships")));
  const entries = [...perTenant].map(([tenantId, counts]): AuditEntry => ({
    actorType: "system",
    actorId: null,
    actorLabel: "dataset import",
    tenantId,
    action: "dataset.imported",
    target: `tenant:${tenantId}`,
    clientAddress: null,
    detail: { replace, ...counts },
  }));
  await recordAuditMany(tx, entries);
}
