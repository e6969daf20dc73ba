/**
 * Bulk writes for the load generator: PostgreSQL `COPY … FROM STDIN` in text format on both engines
 * (postgres.js streams it over one reserved connection; PGlite reads it from a Blob via `/dev/blob`).
 * Rows go in as text lines built by the caller; `copyValue` does the text-format escaping.
 */
import { once } from "node:events";
import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import { databaseKind, type Database } from "../../db/client";

export interface CopySink {
  /**
   * Streams the lines (each ending in "\n") into `table (columns)`. Resolves when the server has them all.
   * `freeze`: COPY … WITH (FREEZE), for a table truncated in the current transaction (rows are written
   * frozen and all-visible, so no later VACUUM or hint-bit pass has to rewrite them).
   */
  copy(table: string, columns: readonly string[], pieces: Iterable<string | Uint8Array>, opts?: { freeze?: boolean }): Promise<void>;
  /** One statement outside any transaction (SET, VACUUM, setval…); returns its rows. */
  execute<T = Record<string, unknown>>(statement: string): Promise<T[]>;
  release(): Promise<void>;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** One value in COPY text format: `\N` for null, ISO-8601 for epoch-millisecond timestamps (see `copyTime`). */
export function copyValue(v: string | number | boolean | null): string {
  if (v === null) return "\\N";
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "number") return String(v);
  return NEEDS_ESCAPE.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v;
}

const DAY_MS = 86_400_000;
const dayPrefixes = new Map<number, string>();
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * An epoch-millisecond timestamp as ISO-8601 UTC (what `Date#toISOString` gives, for years 1970–9999),
 * with the date part cached per day: the load formats millions of them.
 */
export function copyTime(ms: number | null): string {
  if (ms === null) return "\\N";
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  return `${prefix}${pad2(h)}:${pad2(m)}:${pad2(sec)}.${pad3(Math.floor(rest - sec * 1000))}Z`;
}

/**
 * COPY text accumulated in off-heap memory: millions of short-lived line strings are cheap for the young
 * generation, but keeping whole windows of them as (rope) strings made garbage collection the biggest cost.
 */
export class LineBuffer {
  private buf = Buffer.allocUnsafe(1 << 20);
  private used = 0;

  add(text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (this.used + text.length * 3 > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.used + text.length * 3));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    this.used += this.buf.write(text, this.used, "utf8");
  }

  /** The bytes so far; the buffer starts over. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.used);
    this.buf = Buffer.allocUnsafe(Math.max(1 << 16, out.length + (out.length >> 2)));
    this.used = 0;
    return out;
  }
}

function columnList(columns: readonly string[]): string {
  return columns.map((c) => `"${c}"`).join(", ");
}

async function postgresSink(client: Sql): Promise<CopySink> {
  const conn = await client.reserve();
  return {
    async copy(table, columns, pieces, opts) {
      const query = conn.unsafe(`copy "${table}" (${columnList(columns)}) from stdin${opts?.freeze ? " with (freeze)" : ""}`);
      // postgres.js resolves the query with the stream, so a server error that arrives after the last
      // piece (a bad row near the end) would otherwise be dropped and the copy would never finish.
      let failure: Error | null = null;
      let fail: (e: Error) => void = () => {};
      const failed = new Promise<never>((_, reject) => {
        fail = reject;
      });
      failed.catch(() => {});
      const internals = query as unknown as { reject?: (e: unknown) => void };
      const originalReject = internals.reject;
      if (typeof originalReject === "function") {
        internals.reject = (e: unknown) => {
          failure = e instanceof Error ? e : new Error(String(e));
          fail(failure);
          originalReject(e);
        };
      }
      const stream = await query.writable();
      const finished = once(stream, "finish");
      finished.catch(() => {});
      for (const piece of pieces) {
        if (failure) throw failure;
        if (!stream.write(piece)) await Promise.race([once(stream, "drain"), failed]);
      }
      stream.end();
      await Promise.race([finished, failed]);
      if (failure) throw failure;
    },
    async execute<T>(statement: string) {
      return (await conn.unsafe(statement)) as unknown as T[];
    },
    async release() {
      conn.release();
    },
  };
}

function pgliteSink(client: PGlite): CopySink {
  return {
    async copy(table, columns, pieces, opts) {
      const blob = new Blob([...pieces] as BlobPart[]);
      await client.query(`copy "${table}" (${columnList(columns)}) from '/dev/blob'${opts?.freeze ? " with (freeze)" : ""}`, [], { blob });
    },
    async execute<T>(statement: string) {
      return (await client.query<T>(statement)).rows;
    },
    async release() {},
  };
}

/** A sink on the application's own connection (client.ts still decides which engine that is). */
export async function openCopySink(db: Database): Promise<CopySink> {
  const client = (db as unknown as { $client: unknown }).$client;
  return databaseKind() === "postgres" ? postgresSink(client as Sql) : pgliteSink(client as PGlite);
}
