import { z } from "zod";

const schema = z.object({
  // One value only (a repeated parameter counts as absent), trimmed and bounded; never thrown on.
  q: z.string().trim().max(100).catch("").default(""),
});

export function parseTenantSearch(raw: Record<string, string | string[] | undefined>): { q: string } {
  return schema.parse({ q: typeof raw.q === "string" ? raw.q : undefined });
}
