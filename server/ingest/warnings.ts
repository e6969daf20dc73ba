/** §9: future-dated records are accepted (they are real data) and reported back as warnings. */
import type { EvidenceRecords } from "../../db/write/rows";
import { EVIDENCE_ARRAYS } from "../../db/write/rows";

const FUTURE_MS = 5 * 60_000;
const TIME_FIELDS = ["started_at", "completed_at", "created_at", "archived_at"] as const;

export function futureDatedWarnings(records: EvidenceRecords, now: Date): string[] {
  const limit = now.getTime() + FUTURE_MS;
  const out: string[] = [];
  for (const array of EVIDENCE_ARRAYS) {
    records[array].forEach((r, index) => {
      for (const field of TIME_FIELDS) {
        const v = (r as Record<string, unknown>)[field];
        if (v instanceof Date && v.getTime() > limit) {
          out.push(`${array}[${index}].${field} is more than 5 minutes in the future (clock skew): it is stored, but buys no confidence`);
        }
      }
    });
  }
  return out;
}
