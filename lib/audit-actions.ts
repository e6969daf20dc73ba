/** The audit log's vocabulary (spec §14). Pure: read by db/audit.ts, the /audit filter and its labels. */
/** The actions recorded today and those the ingest / API-key / webhook features record. */
export const AUDIT_ACTIONS = [
  "sign_in.succeeded",
  "sign_in.failed",
  "sign_out",
  "tenant.switched",
  "dataset.imported",
  "export.restore_runs",
  "export.fleet",
  "export.audit",
  "ingest.request",
  "api_key.created",
  "api_key.revoked",
  "webhook.created",
  "webhook.revoked",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
