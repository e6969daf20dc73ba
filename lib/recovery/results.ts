/**
 * Reading a restore run's raw `results` / `metadata` JSON. Stored data may be anything (real-world
 * imports are accepted as given), so these parsers never throw and report what they could not read.
 */
import { RESULT_ENTRY_GROUPS, RESULT_ENTRY_STATUSES, includes, type ResultEntryGroup, type ResultEntryStatus } from "./vocabulary";

export interface ResultEntry {
  group: ResultEntryGroup;
  key: string | null;
  type: string | null;
  name: string | null;
  /** The raw status string when it is a string (recognized or not); null otherwise. */
  status: string | null;
  message: string | null;
  target: string | null;
  itemKey: string | null;
  /** An object whose `status` is one of RESULT_ENTRY_STATUSES. */
  wellFormed: boolean;
}

export interface ParsedResults {
  /** False when results is not an object, a present group is not an array, or any entry is not well formed. */
  wellFormed: boolean;
  entries: ResultEntry[];
  byGroup: Record<ResultEntryGroup, ResultEntry[]>;
}

export interface ParsedMetadata {
  nonApplied: { key: string | null; reason: string | null }[];
  /** metadata present but not an object, or `non_applied` present but not an array of objects. */
  nonAppliedMalformed: boolean;
  scopeBasis: "full" | "selected" | null;
}

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Own properties only: inherited names (constructor, toString…) are never data. */
function field(record: JsonRecord, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function parseEntry(group: ResultEntryGroup, raw: unknown): ResultEntry {
  const record = isRecord(raw) ? raw : {};
  const status = stringOrNull(field(record, "status"));
  return {
    group,
    key: stringOrNull(field(record, "key")),
    type: stringOrNull(field(record, "type")),
    name: stringOrNull(field(record, "name")),
    status,
    message: stringOrNull(field(record, "message")),
    target: stringOrNull(field(record, "target")),
    itemKey: stringOrNull(field(record, "item_key")),
    wellFormed: isRecord(raw) && includes(RESULT_ENTRY_STATUSES, status),
  };
}

export function parseResults(raw: unknown): ParsedResults {
  const byGroup: Record<ResultEntryGroup, ResultEntry[]> = { items: [], foundations: [], assignments: [] };
  if (!isRecord(raw)) return { wellFormed: false, entries: [], byGroup };

  let wellFormed = true;
  for (const group of RESULT_ENTRY_GROUPS) {
    const value = field(raw, group);
    if (value === undefined) continue;
    if (!Array.isArray(value)) {
      wellFormed = false;
      continue;
    }
    byGroup[group] = value.map((entry: unknown) => parseEntry(group, entry));
  }
  const entries = RESULT_ENTRY_GROUPS.flatMap((group) => byGroup[group]);
  return { wellFormed: wellFormed && entries.every((entry) => entry.wellFormed), entries, byGroup };
}

/**
 * Conservative reading: missing metadata (null/undefined) or a missing `non_applied` key means nothing
 * is listed. Metadata that is present but not an object, or a `non_applied` that is present (even null)
 * but not an array of objects, cannot be read, so it is flagged malformed and weakens the run.
 */
export function parseMetadata(raw: unknown): ParsedMetadata {
  if (raw === null || raw === undefined) {
    return { nonApplied: [], nonAppliedMalformed: false, scopeBasis: null };
  }
  if (!isRecord(raw)) return { nonApplied: [], nonAppliedMalformed: true, scopeBasis: null };

  const scope = field(raw, "scope_basis");
  const scopeBasis = scope === "full" || scope === "selected" ? scope : null;
  const list = field(raw, "non_applied");
  if (list === undefined) return { nonApplied: [], nonAppliedMalformed: false, scopeBasis };
  if (!Array.isArray(list)) return { nonApplied: [], nonAppliedMalformed: true, scopeBasis };

  const nonApplied = list.filter(isRecord).map((entry) => ({
    key: stringOrNull(field(entry, "key")),
    reason: stringOrNull(field(entry, "reason")),
  }));
  return { nonApplied, nonAppliedMalformed: nonApplied.length !== list.length, scopeBasis };
}
