import { z } from "zod";

/** A row's position in a keyset ordering. `completedAt` is the exact stored instant (microseconds, UTC). */
export interface ListKey {
  id: number;
  /** Present (string or null) for the completed-at ordering; absent for the id ordering. */
  completedAt?: string | null;
}

export type SortOrder = "asc" | "desc";
export type PageDirection = "after" | "before";

export interface ListCursor {
  direction: PageDirection;
  key: ListKey;
}

/**
 * URL form of a keyset position: base64url of a small JSON object, `{"i":id}` for the id ordering or
 * `{"i":id,"c":instant|null}` for the completed-at ordering. Decoding never throws: anything that is not
 * exactly a token this module could have written is null (the page then starts from the first page).
 */

const MAX_ID = 2_147_483_647;
const MAX_TOKEN_LENGTH = 200;
/** The exact instant format the queries select (exactInstant): microseconds, UTC. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A calendar-valid instant the database accepts (Feb 31 or year 0 would make the query fail). */
function isRealInstant(s: string): boolean {
  const year = Number(s.slice(0, 4));
  if (year < 1900) return false;
  const ms = Date.parse(`${s.slice(0, 23)}Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 23) === s.slice(0, 23);
}

const keySchema = z.strictObject({
  i: z.number().int().min(1).max(MAX_ID),
  c: z
    .union([
      z
        .string()
        .regex(INSTANT)
        .refine(isRealInstant),
      z.null(),
    ])
    .optional(),
});

export function encodeCursorKey(key: ListKey): string {
  const body = key.completedAt === undefined ? { i: key.id } : { i: key.id, c: key.completedAt };
  return Buffer.from(JSON.stringify(body), "utf8").toString("base64url");
}

export function decodeCursorKey(token: unknown): ListKey | null {
  if (typeof token !== "string" || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = keySchema.safeParse(json);
  if (!parsed.success) return null;
  return parsed.data.c === undefined ? { id: parsed.data.i } : { id: parsed.data.i, completedAt: parsed.data.c };
}

/** The page cursor from `after` / `before` tokens: exactly one valid token, of the ordering in use. */
export function cursorFromTokens(
  after: string | null,
  before: string | null,
  ordering: "id" | "completed_at",
): ListCursor | null {
  if ((after === null) === (before === null)) return null;
  const direction: PageDirection = after !== null ? "after" : "before";
  const key = decodeCursorKey(after ?? before);
  if (key === null) return null;
  const keyOrdering = key.completedAt === undefined ? "id" : "completed_at";
  return keyOrdering === ordering ? { direction, key } : null;
}

/** A single string query value, or null (absent, repeated, or empty). */
export function single(value: string | string[] | undefined): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

export type RawSearchParams = Record<string, string | string[] | undefined>;
