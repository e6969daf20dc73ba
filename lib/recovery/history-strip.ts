/**
 * The dashboard's history strip, pure: the last 90 UTC days of one tenant as day cells, one row for
 * backup attempts, one for executed restores (by attention) and one, drawn apart, for runs that are not
 * evidence (dry runs, previews, runs in flight). Input is per-day groups as the database counted them
 * (db/queries/history-strip.ts); the classification uses the same vocabulary and rules as backup health
 * and result attention, so the strip cannot call a day better than those rules call its runs.
 */
import {
  BACKUP_SET_COMPLETED_STATUSES,
  BACKUP_SET_IGNORED_STATUSES,
  BACKUP_SET_STATUSES,
  RESTORE_IN_FLIGHT_STATUSES,
  includes,
} from "./vocabulary";

export const HISTORY_STRIP_DAYS = 90;
const DAY_MS = 86_400_000;

/** Backup day categories, worst first. `unconfirmed`: a completed status without a completion time (§2: not completed). */
export const BACKUP_DAY_CATEGORIES = ["failed", "completed_with_errors", "unconfirmed", "completed"] as const;
export type BackupDayCategory = (typeof BACKUP_DAY_CATEGORIES)[number];

/** Executed restore categories, worst first: the §3 attention states that are evidence. */
export const RESTORE_DAY_CATEGORIES = ["failed", "partial", "completed_with_follow_up", "completed"] as const;
export type RestoreDayCategory = (typeof RESTORE_DAY_CATEGORIES)[number];

/** Runs that are not recovery evidence. */
export const NOT_EVIDENCE_CATEGORIES = ["dry_run", "preview", "in_flight"] as const;
export type NotEvidenceCategory = (typeof NOT_EVIDENCE_CATEGORIES)[number];

export type StripRowKind = "backups" | "restores" | "not_evidence";

/** One group the database counted: a row kind, a UTC day, a key (see db/queries/history-strip.ts), a count. */
export interface StripGroup {
  row: StripRowKind;
  /** YYYY-MM-DD (UTC). */
  day: string;
  /** backups: the status; restores: the stored attention; not_evidence: the status. */
  key: string;
  /** backups: has a completion time. not_evidence: is a dry run. Otherwise unused. */
  flag: boolean;
  /** backups: reported failed items. */
  failedItems: boolean;
  count: number;
  /** The greatest id in the group. */
  maxId: number;
}

export interface StripCell<C extends string> {
  day: string;
  counts: Partial<Record<C, number>>;
  total: number;
  /** The worst category of the day, or null when nothing happened that day. */
  worst: C | null;
  /** The greatest id in the worst category (the cell's link target). */
  linkId: number | null;
  /** This day holds the latest relevant run / latest completed backup. */
  latest: boolean;
}

export interface HistoryStrip {
  /** The first and last day of the window (UTC). */
  from: string;
  to: string;
  backups: StripCell<BackupDayCategory>[];
  /** Null when the viewer may not see restore history. */
  restores: StripCell<RestoreDayCategory>[] | null;
  notEvidence: StripCell<NotEvidenceCategory>[] | null;
  /** The latest completed backup / latest relevant run when they lie after the window (clock skew). */
  latestBackupAfterWindow: boolean;
  latestRestoreAfterWindow: boolean;
}

export function utcDay(time: Date | number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The window: the UTC day of `now` and the 89 days before it, as [fromInclusive, toExclusive). */
export function historyStripWindow(now: Date): { from: Date; to: Date; days: string[] } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = today - (HISTORY_STRIP_DAYS - 1) * DAY_MS;
  const days = Array.from({ length: HISTORY_STRIP_DAYS }, (_, i) => utcDay(from + i * DAY_MS));
  return { from: new Date(from), to: new Date(today + DAY_MS), days };
}

export function backupCategory(g: Pick<StripGroup, "key" | "flag" | "failedItems">): BackupDayCategory | null {
  if (includes(BACKUP_SET_IGNORED_STATUSES, g.key)) return null;
  // Unrecognized statuses read as failed attempts, as in backup health.
  if (g.key === "failed" || !includes(BACKUP_SET_STATUSES, g.key)) return "failed";
  if (includes(BACKUP_SET_COMPLETED_STATUSES, g.key) && !g.flag) return "unconfirmed";
  if (g.key === "completed_with_errors" || g.failedItems) return "completed_with_errors";
  return "completed";
}

/** The stored attention of an executed run; anything unexpected reads as follow-up, the cautious bucket. */
export function restoreCategory(key: string): RestoreDayCategory {
  return includes(RESTORE_DAY_CATEGORIES, key) ? key : "completed_with_follow_up";
}

export function notEvidenceCategory(g: Pick<StripGroup, "key" | "flag">): NotEvidenceCategory {
  if (g.flag) return "dry_run";
  return includes(RESTORE_IN_FLIGHT_STATUSES, g.key) ? "in_flight" : "preview";
}

function cells<C extends string>(
  days: string[],
  order: readonly C[],
  groups: { day: string; category: C | null; count: number; maxId: number }[],
  latestDay: string | null,
): StripCell<C>[] {
  const byDay = new Map<string, StripCell<C>>(
    days.map((day) => [day, { day, counts: {}, total: 0, worst: null, linkId: null, latest: day === latestDay }]),
  );
  const maxIds = new Map<string, number>();
  for (const g of groups) {
    const cell = byDay.get(g.day);
    if (!cell || g.category === null || !(g.count > 0)) continue;
    cell.counts[g.category] = (cell.counts[g.category] ?? 0) + g.count;
    cell.total += g.count;
    const k = `${g.day}|${g.category}`;
    maxIds.set(k, Math.max(maxIds.get(k) ?? 0, g.maxId));
  }
  for (const cell of byDay.values()) {
    cell.worst = order.find((c) => (cell.counts[c] ?? 0) > 0) ?? null;
    cell.linkId = cell.worst === null ? null : (maxIds.get(`${cell.day}|${cell.worst}`) ?? null);
  }
  return days.map((d) => byDay.get(d)!);
}

export function buildHistoryStrip(input: {
  groups: readonly StripGroup[];
  now: Date;
  canViewRestoreHistory: boolean;
  /** Completion time of the latest completed backup set (backup health's "latest"), if any. */
  latestBackupAt: Date | null;
  /** `coalesce(completed_at, created_at)` of the latest relevant run, if any. */
  latestRelevantAt: Date | null;
}): HistoryStrip {
  const { days, to } = historyStripWindow(input.now);
  const dayOf = (d: Date | null) => (d && !Number.isNaN(d.getTime()) ? utcDay(d) : null);
  const after = (d: Date | null) => d !== null && d.getTime() >= to.getTime();
  const of = (row: StripRowKind) => input.groups.filter((g) => g.row === row);
  const backups = cells(
    days,
    BACKUP_DAY_CATEGORIES,
    of("backups").map((g) => ({ ...g, category: backupCategory(g) })),
    dayOf(input.latestBackupAt),
  );
  if (!input.canViewRestoreHistory) {
    return { from: days[0]!, to: days[days.length - 1]!, backups, restores: null, notEvidence: null, latestBackupAfterWindow: after(input.latestBackupAt), latestRestoreAfterWindow: false };
  }
  return {
    from: days[0]!,
    to: days[days.length - 1]!,
    backups,
    restores: cells(days, RESTORE_DAY_CATEGORIES, of("restores").map((g) => ({ ...g, category: restoreCategory(g.key) })), dayOf(input.latestRelevantAt)),
    notEvidence: cells(days, NOT_EVIDENCE_CATEGORIES, of("not_evidence").map((g) => ({ ...g, category: notEvidenceCategory(g) })), null),
    latestBackupAfterWindow: after(input.latestBackupAt),
    latestRestoreAfterWindow: after(input.latestRelevantAt),
  };
}

/** Days of a row that had anything, per worst category (the text alternative's counts). */
export function daysByWorst<C extends string>(row: readonly StripCell<C>[]): Partial<Record<C, number>> {
  const out: Partial<Record<C, number>> = {};
  for (const c of row) if (c.worst !== null) out[c.worst] = (out[c.worst] ?? 0) + 1;
  return out;
}
