/**
 * The fleet's query string (§10: `state`, `severity` (an extension: the highest item's severity, or
 * `none`), `backup`, `attention=1`, `stale=1`, `q`, `limit` ≤ 500,
 * `cursor`), parsed once for the page, `GET /api/fleet` and the fleet export. Strict mode names the first
 * bad parameter (the API answers 400 with the §8 error shape); lenient mode (the page) drops bad values
 * and falls back to defaults. Nothing raw is returned, so nothing raw can be echoed.
 */
import { z } from "zod";
import type { FleetFilter } from "../recovery/fleet";
import { SEVERITY_FILTERS } from "../recovery/needs-attention";
import type { TenantOrderKey } from "../recovery/tenant-order";
import type { RawSearchParams } from "./cursor";
import { BACKUP_POSTURES, OVERVIEW_STATES } from "../recovery/vocabulary";

export const FLEET_MAX_LIMIT = 500;
export const FLEET_DEFAULT_LIMIT = 50;
export const FLEET_QUERY_MAX_LENGTH = 100;
export const FLEET_PARAMS = ["state", "severity", "backup", "attention", "stale", "q", "limit", "cursor"] as const;
export type FleetParamName = (typeof FLEET_PARAMS)[number];

export interface FleetQuery {
  filter: FleetFilter;
  limit: number;
  /** Keyset cursor: the last row's §10 order key (exclusive). */
  after: TenantOrderKey | null;
}

const keySchema = z.strictObject({
  s: z.enum(SEVERITY_FILTERS),
  n: z.number().int().min(0).max(100),
  t: z
    .string()
    .max(40)
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    .refine((v) => !Number.isNaN(Date.parse(v)))
    .nullable(),
  // A tenant name never holds NUL (PostgreSQL text cannot): such a cursor is not one this module wrote,
  // and the database's ranking statement would refuse it.
  a: z.string().max(1000).refine((v) => !v.includes("\u0000")),
  i: z.number().int().min(1).max(2_147_483_647),
});

export function encodeFleetCursor(k: TenantOrderKey): string {
  const t = k.latestRelevantRestoreAt === null ? null : new Date(k.latestRelevantRestoreAt).toISOString();
  return Buffer.from(JSON.stringify({ s: k.severity, n: k.itemCount, t, a: k.name, i: k.id }), "utf8").toString("base64url");
}

/** A cursor this module wrote, or null (never throws). */
export function decodeFleetCursor(token: string): TenantOrderKey | null {
  if (token.length === 0 || token.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  try {
    const k = keySchema.safeParse(JSON.parse(Buffer.from(token, "base64url").toString("utf8")));
    return k.success ? { severity: k.data.s, itemCount: k.data.n, latestRelevantRestoreAt: k.data.t, name: k.data.a, id: k.data.i } : null;
  } catch {
    return null;
  }
}

const flag = (v: string): boolean | undefined => (v === "1" || v === "true" ? true : v === "0" || v === "false" ? false : undefined);
const oneOf = <T extends string>(list: readonly T[], v: string): T | undefined => (list as readonly string[]).includes(v) ? (v as T) : undefined;

/**
 * `values(name)` returns every value the query string gives that name. Empty values count as absent.
 * A repeated parameter is invalid (strict) or ignored (lenient).
 */
export function parseFleetQuery(
  values: (name: FleetParamName) => string[],
  mode: "strict" | "lenient",
): { query: FleetQuery; invalid: FleetParamName | null } {
  const query: FleetQuery = { filter: {}, limit: FLEET_DEFAULT_LIMIT, after: null };
  let invalid: FleetParamName | null = null;
  const bad = (name: FleetParamName) => {
    invalid ??= name;
  };
  for (const name of FLEET_PARAMS) {
    const all = values(name).filter((v) => v !== "");
    if (all.length === 0) continue;
    if (all.length > 1) {
      bad(name);
      continue;
    }
    const v = all[0]!;
    switch (name) {
      case "state": {
        const s = oneOf(OVERVIEW_STATES, v);
        if (s) query.filter.state = s;
        else bad(name);
        break;
      }
      case "severity": {
        const sev = oneOf(SEVERITY_FILTERS, v);
        if (sev) query.filter.severity = sev;
        else bad(name);
        break;
      }
      case "backup": {
        const b = oneOf(BACKUP_POSTURES, v);
        if (b) query.filter.backup = b;
        else bad(name);
        break;
      }
      case "attention":
      case "stale": {
        const f = flag(v);
        if (f === undefined) bad(name);
        else if (f) query.filter[name] = true;
        break;
      }
      case "q": {
        const q = v.trim();
        if (q.length > FLEET_QUERY_MAX_LENGTH) bad(name);
        else if (q) query.filter.q = q;
        break;
      }
      case "limit": {
        const n = /^[1-9][0-9]{0,3}$/.test(v) ? Number(v) : Number.NaN;
        if (n >= 1 && n <= FLEET_MAX_LIMIT) query.limit = n;
        else bad(name);
        break;
      }
      case "cursor": {
        const k = decodeFleetCursor(v);
        if (k) query.after = k;
        else bad(name);
        break;
      }
    }
  }
  return { query, invalid: mode === "strict" ? invalid : null };
}

/** The query string of a fleet URL for these filters (and optionally a cursor); omits defaults. */
export function fleetSearch(filter: FleetFilter, extra: { cursor?: string; limit?: number } = {}): string {
  const p = new URLSearchParams();
  if (filter.state) p.set("state", filter.state);
  if (filter.severity) p.set("severity", filter.severity);
  if (filter.backup) p.set("backup", filter.backup);
  if (filter.attention) p.set("attention", "1");
  if (filter.stale) p.set("stale", "1");
  if (filter.q) p.set("q", filter.q);
  if (extra.limit !== undefined && extra.limit !== FLEET_DEFAULT_LIMIT) p.set("limit", String(extra.limit));
  if (extra.cursor) p.set("cursor", extra.cursor);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** /fleet's query string: the API's parameters, parsed leniently (a bad value falls back to its default). */
export function parseFleetSearchParams(raw: RawSearchParams | null | undefined): FleetQuery {
  const input = raw ?? {};
  const values = (name: string): string[] => {
    const v = input[name];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  return parseFleetQuery(values, "lenient").query;
}
