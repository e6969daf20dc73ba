import type { AuditAction } from "@/lib/audit-actions";

/** Operator-facing names of the audit actions; an action without a label is shown as recorded. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "sign_in.succeeded": "Signed in",
  "sign_in.failed": "Sign-in failed",
  sign_out: "Signed out",
  "tenant.switched": "Switched tenant",
  "dataset.imported": "Dataset imported",
  "export.restore_runs": "Exported restore runs",
  "export.fleet": "Exported fleet overview",
  "export.audit": "Exported audit log",
  "ingest.request": "Ingest request",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "webhook.created": "Webhook created",
  "webhook.revoked": "Webhook revoked",
};

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}
