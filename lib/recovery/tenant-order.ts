/**
 * The §10 default order of tenants, worst first, defined once for the fleet page, the fleet API and the
 * exports: highest item severity (critical > high > medium > none), then more items, then older (or
 * absent) restore evidence, then name, then id.
 */
import { severityRank, type SeverityOrNone } from "./needs-attention";

export interface TenantOrderKey {
  id: number;
  name: string;
  severity: SeverityOrNone;
  /** Number of Needs Attention items. */
  itemCount: number;
  /** The latest relevant restore's time (ISO or Date), or null when there is none or it is unreadable. */
  latestRelevantRestoreAt: string | Date | null;
  /** evidenceTime(latestRelevantRestoreAt), when the key's builder computed it once (a sort compares ~n log n times). */
  evidenceMs?: number;
}

/** Absent or unreadable evidence sorts as the oldest of all. */
export function evidenceTime(at: string | Date | null): number {
  if (at === null) return Number.NEGATIVE_INFINITY;
  const ms = (at instanceof Date ? at : new Date(at)).getTime();
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;

/**
 * Name order independent of the runtime's locale, by Unicode code point — the order of UTF-8 bytes, so the
 * same as SQL `collate "C"` (the fleet's ranking statement pages in it). JavaScript's `<` compares UTF-16
 * units, which puts a character above U+FFFF (a surrogate pair) before U+E000–U+FFFF; here it sorts after.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (isSurrogate(x) !== isSurrogate(y)) return isSurrogate(x) ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

export function compareTenantsWorstFirst(a: TenantOrderKey, b: TenantOrderKey): number {
  const ta = a.evidenceMs ?? evidenceTime(a.latestRelevantRestoreAt);
  const tb = b.evidenceMs ?? evidenceTime(b.latestRelevantRestoreAt);
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    b.itemCount - a.itemCount ||
    (ta === tb ? 0 : ta < tb ? -1 : 1) ||
    compareText(a.name, b.name) ||
    a.id - b.id
  );
}

/** The order key of an assessed tenant (assessTenant's result). */
export function tenantOrderKey(
  tenant: { id: number; name: string },
  assessment: { severity: SeverityOrNone; needsAttention: readonly unknown[]; evidence: { latestRelevantRestoreAt: string | null } },
): TenantOrderKey {
  return {
    id: tenant.id,
    name: tenant.name,
    severity: assessment.severity,
    itemCount: assessment.needsAttention.length,
    latestRelevantRestoreAt: assessment.evidence.latestRelevantRestoreAt,
    evidenceMs: evidenceTime(assessment.evidence.latestRelevantRestoreAt),
  };
}
