/**
 * The dataset's cross-record rules (spec §8), checked inside the import transaction before anything is
 * written: unique ids, slugs and emails, and references to records of the same tenant (in the dataset or,
 * without --replace, already stored). With --merge, stored ids, slugs and emails of the same record are fine.
 */
import { inArray } from "drizzle-orm";
import type { Executor } from "../client";
import * as schema from "../schema";
import { DatasetError } from "./dataset-error";
import type { Dataset, DatasetArray } from "./dataset-schema";

/** Checks that ids are unique and references point at records of the same tenant. */
export async function checkReferences(tx: Executor, d: Dataset, replace: boolean, merge: boolean): Promise<void> {
  const dupes = (array: DatasetArray, ids: (number | undefined)[]) => {
    const seen = new Map<number, number>();
    ids.forEach((id, index) => {
      if (id === undefined) return;
      if (seen.has(id)) throw new DatasetError(array, index, "id", `duplicates the id of ${array}[${seen.get(id)}]`);
      seen.set(id, index);
    });
  };
  dupes("tenants", d.tenants.map((t) => t.id));
  dupes("backup_sets", d.backup_sets.map((t) => t.id));
  dupes("operation_runs", d.operation_runs.map((t) => t.id));
  dupes("restore_runs", d.restore_runs.map((t) => t.id));

  const slugs = new Map<string, number>();
  d.tenants.forEach((t, i) => {
    const key = t.slug.toLowerCase();
    if (slugs.has(key)) throw new DatasetError("tenants", i, "slug", `duplicates the slug of tenants[${slugs.get(key)}]`);
    slugs.set(key, i);
  });
  const emails = new Map<string, number>();
  d.users.forEach((u, i) => {
    if (emails.has(u.email)) throw new DatasetError("users", i, "email", `duplicates the email of users[${emails.get(u.email)}]`);
    emails.set(u.email, i);
  });

  // What already exists (nothing, with --replace).
  const existing = async <T>(load: () => Promise<T[]>): Promise<T[]> => (replace ? [] : load());
  const tenantIds = d.tenants.map((t) => t.id).filter((v): v is number => v !== undefined);
  const existingTenants = await existing(() =>
    tx.select({ id: schema.tenants.id, slug: schema.tenants.slug }).from(schema.tenants),
  );
  const existingTenantIds = new Set(existingTenants.map((t) => t.id));
  const slugOwner = new Map(existingTenants.map((t) => [t.slug.toLowerCase(), t.id]));
  d.tenants.forEach((t, i) => {
    if (!merge && t.id !== undefined && existingTenantIds.has(t.id)) throw new DatasetError("tenants", i, "id", `tenant ${t.id} already exists (use --replace or --merge)`);
    const owner = slugOwner.get(t.slug.toLowerCase());
    if (owner !== undefined && !(merge && owner === t.id)) throw new DatasetError("tenants", i, "slug", `slug "${t.slug}" already exists`);
  });
  const knownTenants = new Set([...existingTenantIds, ...tenantIds]);

  if (!replace && !merge && d.users.length) {
    const taken = await tx
      .select({ email: schema.users.email })
      .from(schema.users)
      .where(inArray(schema.users.email, d.users.map((u) => u.email)));
    const takenSet = new Set(taken.map((u) => u.email.toLowerCase()));
    d.users.forEach((u, i) => {
      if (takenSet.has(u.email)) throw new DatasetError("users", i, "email", `a user with this email already exists (use --replace)`);
    });
  }
  d.users.forEach((u, i) =>
    u.memberships.forEach((m, j) => {
      if (!knownTenants.has(m.tenant_id))
        throw new DatasetError("users", i, `memberships.${j}.tenant_id`, `tenant ${m.tenant_id} does not exist`);
    }),
  );
  d.users.forEach((u, i) => {
    const seen = new Set<number>();
    u.memberships.forEach((m, j) => {
      if (seen.has(m.tenant_id)) throw new DatasetError("users", i, `memberships.${j}.tenant_id`, `repeats a membership in tenant ${m.tenant_id}`);
      seen.add(m.tenant_id);
    });
  });

  const tenantOf = async (
    array: DatasetArray,
    table: typeof schema.backupSets | typeof schema.operationRuns | typeof schema.restoreRuns,
    records: { id?: number; tenant_id: number }[],
  ): Promise<Map<number, number>> => {
    records.forEach((r, i) => {
      if (!knownTenants.has(r.tenant_id)) throw new DatasetError(array, i, "tenant_id", `tenant ${r.tenant_id} does not exist`);
    });
    const ids = records.map((r) => r.id).filter((v): v is number => v !== undefined);
    const map = new Map<number, number>();
    for (let i = 0; !replace && !merge && i < ids.length; i += 10_000) {
      const rows = await tx
        .select({ id: table.id, tenantId: table.tenantId })
        .from(table)
        .where(inArray(table.id, ids.slice(i, i + 10_000)));
      for (const row of rows) {
        const index = records.findIndex((r) => r.id === row.id);
        throw new DatasetError(array, index, "id", `${array} ${row.id} already exists (use --replace or --merge)`);
      }
    }
    records.forEach((r) => r.id !== undefined && map.set(r.id, r.tenant_id));
    return map;
  };
  const sets = await tenantOf("backup_sets", schema.backupSets, d.backup_sets);
  const ops = await tenantOf("operation_runs", schema.operationRuns, d.operation_runs);
  await tenantOf("restore_runs", schema.restoreRuns, d.restore_runs);

  // References from restore runs: to a backup set / operation run of the same tenant.
  const referenced = async (
    table: typeof schema.backupSets | typeof schema.operationRuns,
    local: Map<number, number>,
    ids: number[],
  ) => {
    const missing = [...new Set(ids.filter((id) => !local.has(id)))];
    for (let i = 0; !replace && i < missing.length; i += 10_000) {
      const rows = await tx
        .select({ id: table.id, tenantId: table.tenantId })
        .from(table)
        .where(inArray(table.id, missing.slice(i, i + 10_000)));
      rows.forEach((r) => local.set(r.id, r.tenantId));
    }
  };
  await referenced(schema.backupSets, sets, d.restore_runs.flatMap((r) => (r.backup_set_id ? [r.backup_set_id] : [])));
  await referenced(schema.operationRuns, ops, d.restore_runs.flatMap((r) => (r.operation_run_id ? [r.operation_run_id] : [])));
  d.restore_runs.forEach((r, i) => {
    if (r.backup_set_id !== null) {
      const owner = sets.get(r.backup_set_id);
      if (owner === undefined) throw new DatasetError("restore_runs", i, "backup_set_id", `backup set ${r.backup_set_id} does not exist`);
      if (owner !== r.tenant_id) throw new DatasetError("restore_runs", i, "backup_set_id", `backup set ${r.backup_set_id} belongs to another tenant`);
    }
    if (r.operation_run_id !== null) {
      const owner = ops.get(r.operation_run_id);
      if (owner === undefined) throw new DatasetError("restore_runs", i, "operation_run_id", `operation run ${r.operation_run_id} does not exist`);
      if (owner !== r.tenant_id) throw new DatasetError("restore_runs", i, "operation_run_id", `operation run ${r.operation_run_id} belongs to another tenant`);
    }
  });
}

