/**
 * Operator copy for the "as of" instant of the data a surface read (db/read-handle.ts): with a read
 * replica, a page may show data a few seconds old, and it says so instead of passing it off as live.
 */
export type DataSource = "primary" | "replica";

/** "2026-12-01 11:20:01 UTC": seconds matter here (the lag guard's bound is seconds). */
export function formatAsOf(asOf: Date): string {
  const iso = asOf.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function dataAsOfText(asOf: Date, source: DataSource): string {
  const where = source === "replica" ? "read from a replica database" : "read from the primary database";
  return `Data as of ${formatAsOf(asOf)} (${where}). Anything recorded after that instant is not shown here yet.`;
}

/** Response headers of every evidence JSON API: the same instant and source, for scripts. */
export const DATA_AS_OF_HEADER = "x-data-as-of";
export const DATA_SOURCE_HEADER = "x-data-source";
