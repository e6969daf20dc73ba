/**
 * Triage of a run's result entries on its detail page: failed entries first, then partial, then entries
 * whose status cannot be read, then skipped, then applied; and a filter by status. Pure and stable (the
 * recorded order is kept within a status).
 */
import type { ResultEntry } from "./results";

export const ENTRY_FILTERS = ["failed", "partial", "other", "skipped", "applied"] as const;
export type EntryFilter = (typeof ENTRY_FILTERS)[number];

export const ENTRY_FILTER_LABELS: Record<EntryFilter, string> = {
  failed: "Failed",
  partial: "Partial",
  other: "Unrecognized or unreadable",
  skipped: "Skipped",
  applied: "Applied",
};

/** The filter an entry falls under; anything outside the vocabulary is `other`. */
export function entryFilterOf(entry: Pick<ResultEntry, "status">): EntryFilter {
  const s = entry.status;
  return s === "failed" || s === "partial" || s === "skipped" || s === "applied" ? s : "other";
}

/** Failed first, then partial, unreadable, skipped, applied; stable within each. */
export function sortForTriage<T extends Pick<ResultEntry, "status">>(entries: readonly T[]): T[] {
  return entries
    .map((entry, index) => ({ entry, index, rank: ENTRY_FILTERS.indexOf(entryFilterOf(entry)) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((x) => x.entry);
}

/** The entries shown for a filter (null: all), in triage order. */
export function triageEntries<T extends Pick<ResultEntry, "status">>(entries: readonly T[], filter: EntryFilter | null): T[] {
  return sortForTriage(filter === null ? entries : entries.filter((e) => entryFilterOf(e) === filter));
}

/** How many entries fall under each filter. */
export function countByFilter(entries: readonly Pick<ResultEntry, "status">[]): Record<EntryFilter, number> {
  const counts = { failed: 0, partial: 0, other: 0, skipped: 0, applied: 0 };
  for (const e of entries) counts[entryFilterOf(e)] += 1;
  return counts;
}
