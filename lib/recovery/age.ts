/** Time helpers for the pure resolvers. `now` is always passed in; nothing here reads a clock. */

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const MONTH_MS = 30 * DAY_MS;
const YEAR_MS = 365 * DAY_MS;

/**
 * Spec §9: a time more than 5 minutes after `now` is *future-dated* (clock skew). It cannot be placed in
 * time and must never buy confidence. Up to 5 minutes ahead is tolerated skew and reads as "just now".
 */
export const FUTURE_DATED_AFTER_MS = 5 * MINUTE_MS;

/** True when `date` is readable and more than 5 minutes after `now` (spec §9). An unreadable `now` is never "now". */
export function isFutureDated(date: Date | null | undefined, now: Date): boolean {
  const at = validTime(date);
  const nowMs = validTime(now);
  return at !== null && nowMs !== null && at - nowMs > FUTURE_DATED_AFTER_MS;
}

/** Epoch milliseconds of a usable date, or null for null/undefined/Invalid Date (unreadable timestamps). */
export function validTime(date: Date | null | undefined): number | null {
  if (!(date instanceof Date)) return null;
  const time = date.getTime();
  return Number.isNaN(time) ? null : time;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"} ago`;
}

/**
 * Human age of `from` relative to `now`, in units an operator reads at a glance: "just now",
 * "5 minutes ago", "40 hours ago" (hours up to two days), "3 days ago" (days up to 60), then months, years.
 */
export function describeAge(from: Date, now: Date): string {
  const fromMs = validTime(from);
  const nowMs = validTime(now);
  if (fromMs === null || nowMs === null) return "at an unknown time";
  const diff = nowMs - fromMs;
  if (-diff > FUTURE_DATED_AFTER_MS) return "in the future (clock skew)";
  if (diff < MINUTE_MS) return "just now";
  if (diff < HOUR_MS) return plural(Math.floor(diff / MINUTE_MS), "minute");
  if (diff < 2 * DAY_MS) return plural(Math.floor(diff / HOUR_MS), "hour");
  if (diff < 60 * DAY_MS) return plural(Math.floor(diff / DAY_MS), "day");
  if (diff < YEAR_MS) return plural(Math.floor(diff / MONTH_MS), "month");
  return plural(Math.floor(diff / YEAR_MS), "year");
}
