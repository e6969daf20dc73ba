/**
 * §9 restore-evidence freshness: how old the latest relevant restore run is, against the tenant's window
 * (`restore_evidence_stale_after_days`, default 90: CIS Control 11.5 asks for restore tests at least
 * quarterly). Extra context, never a new overview state. `now` is always passed in.
 */
import { validTime } from "./age";

export const DEFAULT_RESTORE_EVIDENCE_STALE_AFTER_DAYS = 90;
const DAY_MS = 86_400_000;

/** Whole days from `at` to `now` (never negative), or null when either time is unreadable. */
export function evidenceAgeDays(at: Date | null, now: Date): number | null {
  const from = validTime(at);
  const to = validTime(now);
  if (from === null || to === null) return null;
  return Math.max(0, Math.floor((to - from) / DAY_MS));
}

/**
 * True when a relevant run exists and its time is older than the window. A relevant run whose time cannot
 * be read cannot show that it is fresh, so it counts as stale (less confidence, never more).
 */
export function isRestoreEvidenceStale(input: {
  relevantRestoreHistoryPresent: boolean;
  latestRelevantRestoreAt: Date | null;
  now: Date;
  staleAfterDays: number;
}): boolean {
  if (!input.relevantRestoreHistoryPresent) return false;
  const from = validTime(input.latestRelevantRestoreAt);
  const to = validTime(input.now);
  if (from === null || to === null) return true;
  return to - from > input.staleAfterDays * DAY_MS;
}
