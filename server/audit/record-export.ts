import "server-only";
import { recordAudit } from "../../db/audit";
import { getDb } from "../../db/client";
import type { AuditAction } from "../../lib/audit-actions";
import { withDatabase } from "../../lib/errors";
import type { Viewer } from "../auth/viewer";
import { clientAddressFrom } from "../client-address";

/** The audit row of an export (spec §14), written before the export streams. */
export function auditExport(
  request: Request,
  viewer: Pick<Viewer, "userId" | "email">,
  entry: { action: Extract<AuditAction, `export.${string}`>; tenantId: number | null; target: string; detail?: Record<string, unknown> },
): Promise<void> {
  return withDatabase(() =>
    recordAudit(getDb(), {
      actorType: "user", actorId: viewer.userId, actorLabel: viewer.email, tenantId: entry.tenantId,
      action: entry.action, target: entry.target, clientAddress: clientAddressFrom(request.headers), detail: entry.detail ?? null,
    }),
  );
}
