import { z } from "zod";
import { AUDIT_ACTIONS } from "../audit-actions";
import { parseId } from "../errors";
import type { RawSearchParams } from "./cursor";

/** /audit and its export share these parameters; a bad value falls back to its default, never echoed. */
export interface AuditParams {
  tenantId: number | null;
  action: (typeof AUDIT_ACTIONS)[number] | null;
  before: number | undefined;
  after: number | undefined;
}

type Raw = RawSearchParams;
const one = (raw: Raw, key: string) => (typeof raw[key] === "string" ? (raw[key] as string) : undefined);
const action = z.enum(AUDIT_ACTIONS).nullable().catch(null);

export function parseAuditParams(raw: Raw): AuditParams {
  const before = parseId(one(raw, "before") ?? null);
  const after = parseId(one(raw, "after") ?? null);
  return {
    tenantId: parseId(one(raw, "tenant") ?? null),
    action: action.parse(one(raw, "action") ?? null),
    before: before ?? undefined,
    after: before === null ? (after ?? undefined) : undefined,
  };
}

export function auditHref(p: Partial<AuditParams>, base = "/audit", extra: Record<string, string> = {}): string {
  const q = new URLSearchParams(extra);
  if (p.tenantId) q.set("tenant", String(p.tenantId));
  if (p.action) q.set("action", p.action);
  if (p.before) q.set("before", String(p.before));
  if (p.after) q.set("after", String(p.after));
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}
