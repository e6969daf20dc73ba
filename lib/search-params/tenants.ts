import { z } from "zod";
import { isStorableText } from "../text";
import type { RawSearchParams } from "./cursor";

/** /tenants query string: the name fragment `q` (the page lists at most TENANT_SEARCH_PAGE_SIZE matches). */
export const TENANT_SEARCH_PAGE_SIZE = 50;

const schema = z.object({
  // One value only (a repeated parameter counts as absent), trimmed and bounded; never thrown on.
  // Text the database cannot hold (a NUL byte, a lone surrogate) is no search at all.
  q: z.string().trim().max(100).refine(isStorableText).catch("").default(""),
});

export function parseTenantSearch(raw: RawSearchParams): { q: string } {
  return schema.parse({ q: typeof raw.q === "string" ? raw.q : undefined });
}
