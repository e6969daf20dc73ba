import { BACKUP_DAY_PATTERNS, NOT_EVIDENCE_PATTERN, RESTORE_DAY_PATTERNS, type Pattern } from "@/components/ui/patterns";
import { BACKUP_DAY_TONES, NOT_EVIDENCE_TONE, PICTURE_TONE_COLORS, RESTORE_DAY_TONES } from "@/components/ui/tones";
import { BACKUP_DAY_CATEGORIES, NOT_EVIDENCE_CATEGORIES, RESTORE_DAY_CATEGORIES } from "@/lib/recovery/history-strip";
import { BACKUP_DAY_LABELS, NOT_EVIDENCE_LABELS, RESTORE_DAY_LABELS, STRIP_COPY } from "@/lib/recovery/picture-copy";

/** One row's drawing rules: its categories (worst first), words, colours, patterns and link target. */
export interface StripRowSpec<C extends string> {
  id: string;
  label: string;
  noun: string;
  order: readonly C[];
  labels: Record<C, string>;
  tone: (c: C) => keyof typeof PICTURE_TONE_COLORS;
  pattern: (c: C) => Pattern;
  latestMark: string;
  href: ((id: number) => string) | null;
  /** One legend entry for the whole row, when its categories share one drawing. */
  legend?: string;
}

export const BACKUP_ROW: StripRowSpec<(typeof BACKUP_DAY_CATEGORIES)[number]> = {
  id: "strip-backups",
  label: STRIP_COPY.rows.backups,
  noun: "backup attempts",
  order: BACKUP_DAY_CATEGORIES,
  labels: BACKUP_DAY_LABELS,
  tone: (c) => BACKUP_DAY_TONES[c],
  pattern: (c) => BACKUP_DAY_PATTERNS[c],
  latestMark: STRIP_COPY.latestBackupMark,
  href: (id) => `/backup-sets/${id}`,
};

export const RESTORE_ROW: StripRowSpec<(typeof RESTORE_DAY_CATEGORIES)[number]> = {
  id: "strip-restores",
  label: STRIP_COPY.rows.restores,
  noun: "executed restores",
  order: RESTORE_DAY_CATEGORIES,
  labels: RESTORE_DAY_LABELS,
  tone: (c) => RESTORE_DAY_TONES[c],
  pattern: (c) => RESTORE_DAY_PATTERNS[c],
  latestMark: STRIP_COPY.latestRestoreMark,
  href: (id) => `/restore-runs/${id}`,
};

export const NOT_EVIDENCE_ROW: StripRowSpec<(typeof NOT_EVIDENCE_CATEGORIES)[number]> = {
  id: "strip-not-evidence",
  label: STRIP_COPY.rows.not_evidence,
  noun: "dry runs, previews or runs in flight",
  order: NOT_EVIDENCE_CATEGORIES,
  labels: NOT_EVIDENCE_LABELS,
  tone: () => NOT_EVIDENCE_TONE,
  pattern: () => NOT_EVIDENCE_PATTERN,
  latestMark: "",
  href: (id) => `/restore-runs/${id}`,
  legend: STRIP_COPY.notEvidenceLegend,
};
