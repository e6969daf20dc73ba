import "server-only";
import { EXPORT_CLAIM_BOUNDARIES } from "../../lib/recovery/fleet-copy";
import type { FleetRow } from "../../lib/recovery/fleet";
import type { FleetEntry, FleetResult } from "../fleet/read";
import { exportResponse, type Cell, type ExportFormat } from "./stream";

const COLUMNS = [
  "tenantId", "name", "role", "backupPosture", "backupPrimaryReason", "latestCompletedBackupAt", "overviewState",
  "latestRelevantRestoreRunId", "latestRelevantAttentionState", "latestRelevantRestoreAt", "restoreEvidenceStale",
  "needsAttention", "severity",
] as const satisfies readonly (keyof FleetRow)[];

function cells(r: FleetRow): Cell[] {
  return COLUMNS.map((c) => (c === "needsAttention" ? r.needsAttention.map((i) => `${i.kind}:${i.severity}`).join(";") : r[c]));
}

async function* inBatches(entries: FleetEntry[], size = 500): AsyncGenerator<FleetRow[]> {
  for (let i = 0; i < entries.length; i += size) yield entries.slice(i, i + size).map((e) => e.row);
}

/** Every matching tenant (not one page), worst first, with the counts and the claim boundaries. */
export function fleetExport(fleet: FleetResult & { now: Date }, format: ExportFormat): Promise<Response> {
  return exportResponse<FleetRow>(
    {
      filename: `fleet-${fleet.now.toISOString().slice(0, 10)}`,
      computedAt: fleet.now,
      claimBoundaries: [...EXPORT_CLAIM_BOUNDARIES.fleet],
      columns: [...COLUMNS],
      batches: inBatches(fleet.entries),
      toCells: cells,
      toJson: (r) => r,
      jsonKey: "tenants",
      jsonExtra: () => ({ counts: fleet.counts }),
    },
    format,
  );
}
