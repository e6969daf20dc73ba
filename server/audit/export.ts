import "server-only";
import { stringify } from "csv-stringify/sync";
import { recordAudit } from "../../db/audit";
import { getDb } from "../../db/client";
import { streamAuditEvents, type AuditRow, type AuditScope } from "../../db/queries/audit";

/**
 * The audit log export (spec §14 with the §11 rules): CSV (RFC 4180, UTF-8, a header row, written by
 * csv-stringify) or JSON, streamed in keyset batches so memory does not grow with the log, with the
 * boundary of what the log claims and the instant it was computed (a trailing note row in CSV, fields
 * in JSON). Cells that a spreadsheet would run as a formula are prefixed with `'`.
 */
export const AUDIT_EXPORT_BOUNDARY =
  "The audit log lists the actions this app recorded (who, what, when, from where). It is not evidence about backups or restores.";

const COLUMNS = ["occurred_at", "actor_type", "actor", "actor_id", "tenant_id", "tenant", "action", "target", "client_address", "detail"] as const;

/** Spreadsheet formula injection: a cell starting with = + - @ tab or CR is prefixed with '. */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvCells(r: AuditRow): string[] {
  return [
    r.occurredAt.toISOString(), r.actorType, r.actorLabel ?? "", r.actorId ?? "", r.tenantId === null ? "" : String(r.tenantId),
    r.tenantName ?? "", r.action, r.target ?? "", r.clientAddress ?? "", r.detail === null ? "" : JSON.stringify(r.detail),
  ].map(neutralizeFormula);
}

function jsonRecord(r: AuditRow) {
  return {
    id: r.id, occurredAt: r.occurredAt.toISOString(), actorType: r.actorType, actor: r.actorLabel, actorId: r.actorId,
    tenantId: r.tenantId, tenant: r.tenantName, action: r.action, target: r.target, clientAddress: r.clientAddress, detail: r.detail,
  };
}

export async function exportAuditLog(
  scope: AuditScope,
  format: "csv" | "json",
  actor: { userId: string; email: string; clientAddress: string | null },
): Promise<Response> {
  const computedAt = new Date().toISOString();
  await recordAudit(getDb(), {
    actorType: "user", actorId: actor.userId, actorLabel: actor.email, tenantId: scope.tenantId,
    action: "export.audit", target: scope.tenantId === null ? "audit:all-owned-tenants" : `audit:tenant:${scope.tenantId}`,
    clientAddress: actor.clientAddress, detail: { format, action: scope.action },
  });
  const encoder = new TextEncoder();
  const rows = streamAuditEvents(scope);
  let started = false;
  let first = true;
  let done = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(format === "csv" ? stringify([[...COLUMNS]]) : `{"computedAt":${JSON.stringify(computedAt)},"claimBoundary":${JSON.stringify(AUDIT_EXPORT_BOUNDARY)},"events":[`));
          return;
        }
        const batch: AuditRow[] = [];
        let exhausted = false;
        while (batch.length < 500) {
          const next = await rows.next();
          if (next.done) {
            exhausted = true;
            break;
          }
          batch.push(next.value);
        }
        if (batch.length) {
          if (format === "csv") controller.enqueue(encoder.encode(stringify(batch.map(csvCells))));
          else {
            const text = batch.map((r) => JSON.stringify(jsonRecord(r))).join(",");
            controller.enqueue(encoder.encode(first ? text : `,${text}`));
            first = false;
          }
        }
        if (!exhausted) return;
        done = true;
        controller.enqueue(
          encoder.encode(format === "csv" ? stringify([[`# ${AUDIT_EXPORT_BOUNDARY} Computed at ${computedAt}.`]]) : "]}"),
        );
        controller.close();
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const stamp = computedAt.replace(/[:.]/g, "-");
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="audit-log-${stamp}.${format}"`,
      "cache-control": "no-store",
    },
  });
}
