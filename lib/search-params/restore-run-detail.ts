import { z } from "zod";
import { ENTRY_FILTERS, type EntryFilter } from "../recovery/entry-triage";
import { single, type RawSearchParams } from "./cursor";

/** /restore-runs/[id] query string: `entries` filters the outcomes by status; anything else shows all. */
const entries = z.enum(ENTRY_FILTERS).nullable().catch(null);

export function parseRunDetailSearchParams(raw: RawSearchParams | null | undefined): { entries: EntryFilter | null } {
  return { entries: entries.parse(single((raw ?? {}).entries)) };
}

export function runDetailHref(runId: number, filter: EntryFilter | null): string {
  return filter ? `/restore-runs/${runId}?entries=${filter}#outcomes` : `/restore-runs/${runId}#outcomes`;
}
