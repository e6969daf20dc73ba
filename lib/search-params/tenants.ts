import { z } from "zod";
import type { RawSearchParams } from "./cursor";

/** /tenants query string: the name fragment `q` (the page lists at most TENANT_SEARCH_PAGE_SIZE matches). */
export const TENANT_SEARCH_PAGE_SIZE = 50;

const schema = z.object({
  // One value only (a repeated parameter counts as absent), trimmed and bounded; never thrown on.
  q: z.string().trim().max(100).catch("").default(""),
});

export function parseTenantSearch(raw: RawSearchParams): { q: string } {
  return schema.parse({ q: typeof raw.q === "string" ? raw.q : undefined });
}
