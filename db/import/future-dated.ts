/**
 * Spec §9: imports accept future-dated records (they are real data) and report them as warnings. A time
 * more than 5 minutes after the import's `now` is future-dated (lib/recovery isFutureDated); the warning
 * names the record and field, like every import message.
 */
import { isFutureDated } from "../../lib/recovery/age";
import type { Dataset, DatasetArray } from "./dataset-schema";

const TIME_FIELDS: Partial<Record<DatasetArray, readonly string[]>> = {
  tenants: ["created_at"],
  backup_sets: ["started_at", "completed_at", "created_at"],
  operation_runs: ["started_at", "completed_at"],
  restore_runs: ["created_at", "completed_at", "archived_at"],
};

export function futureDatedWarnings(dataset: Dataset, now: Date): string[] {
  const warnings: string[] = [];
  for (const [array, fields] of Object.entries(TIME_FIELDS) as [DatasetArray, readonly string[]][]) {
    (dataset[array] as unknown as Record<string, unknown>[]).forEach((record, index) => {
      for (const field of fields) {
        const value = record[field];
        if (value instanceof Date && isFutureDated(value, now)) {
          const id = record.id === undefined ? "" : ` (id ${String(record.id)})`;
          warnings.push(
            `${array}[${index}].${field}${id} is in the future (${value.toISOString()}, clock skew): imported as given; it cannot be placed in time and buys no confidence`,
          );
        }
      }
    });
  }
  return warnings;
}
