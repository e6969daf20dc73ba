import "server-only";
import { stringify } from "csv-stringify/sync";

/**
 * Streamed exports (§11): rows come in batches from an async generator and are written as they come, so
 * the server holds one batch at a time. CSV is RFC 4180 (CRLF, quotes doubled) written by csv-stringify;
 * `escape_formulas` prefixes a cell starting with =, +, -, @, tab or CR with `'` (spreadsheet formula
 * injection). The claim boundaries and the computed-at instant end the file as a note row (CSV) or sit in
 * the envelope (JSON).
 */

export type ExportFormat = "csv" | "json";
export type Cell = string | number | boolean | null;

export interface ExportSpec<T> {
  filename: string;
  computedAt: Date;
  claimBoundaries: string[];
  columns: string[];
  /** Batches of items, in export order. */
  batches: AsyncIterable<T[]>;
  toCells: (item: T) => Cell[];
  toJson: (item: T) => unknown;
  /** Envelope key of the JSON array ("tenants", "restoreRuns"). */
  jsonKey: string;
  /** Extra top-level JSON fields written before the array (e.g. counts). Only for small values. */
  jsonExtra?: () => Record<string, unknown>;
}

const CSV_OPTIONS = {
  record_delimiter: "windows",
  escape_formulas: true,
  // Booleans as words (the library's default writes "1" and an empty cell, which reads as missing).
  cast: { boolean: (v: boolean) => (v ? "true" : "false") },
} as const;

/** CSV records for rows of cells (null → empty cell). */
export function csvLines(rows: Cell[][]): string {
  return stringify(rows.map((cells) => cells.map((c) => (c === null ? "" : c))), CSV_OPTIONS);
}

/**
 * The streamed response. The first batch is read before the response starts, so a database that cannot
 * answer is still a 503 (thrown here), not a 200 with a truncated body.
 */
export async function exportResponse<T>(spec: ExportSpec<T>, format: ExportFormat): Promise<Response> {
  const encoder = new TextEncoder();
  const iterator = spec.batches[Symbol.asyncIterator]();
  let pending: IteratorResult<T[]> | null = await iterator.next();
  let phase: "head" | "rows" | "done" = "head";
  let firstItem = true;
  const computedAt = spec.computedAt.toISOString();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (phase === "head") {
          phase = "rows";
          const head =
            format === "csv"
              ? csvLines([spec.columns])
              : `{"computedAt":${JSON.stringify(computedAt)},"claimBoundaries":${JSON.stringify(spec.claimBoundaries)},` +
                Object.entries(spec.jsonExtra?.() ?? {}).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)},`).join("") +
                `${JSON.stringify(spec.jsonKey)}:[`;
          controller.enqueue(encoder.encode(head));
          return;
        }
        if (phase === "done") return;
        const next = pending ?? (await iterator.next());
        pending = null;
        if (next.done) {
          phase = "done";
          const tail =
            format === "csv"
              ? csvLines([[`Note: ${spec.claimBoundaries.join(" ")} Computed at ${computedAt}.`, ...spec.columns.slice(1).map(() => "")]])
              : "]}";
          controller.enqueue(encoder.encode(tail));
          controller.close();
          return;
        }
        let out = "";
        if (format === "csv") out = next.value.length ? csvLines(next.value.map(spec.toCells)) : "";
        else {
          for (const item of next.value) {
            out += (firstItem ? "" : ",") + JSON.stringify(spec.toJson(item));
            firstItem = false;
          }
        }
        controller.enqueue(encoder.encode(out));
      } catch (e) {
        // Headers are gone once streaming began: end the body in error so the client sees a broken
        // download, never a complete-looking file.
        console.error("[export] failed while streaming:", e);
        controller.error(e);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${spec.filename}.${format}"`,
      "cache-control": "no-store",
      "x-computed-at": computedAt,
    },
  });
}
