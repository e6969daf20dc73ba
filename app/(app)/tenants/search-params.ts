import { z } from "zod";
import { isStorableText } from "@/lib/text";

const schema = z.object({
  // One value only (a repeated parameter counts as absent), trimmed and bounded; never thrown on.
  // Text the database cannot hold (a NUL byte, a lone surrogate) is no search at all.
  q: z.string().trim().max(100).refine(isStorableText).catch("").default(""),
});

export function parseTenantSearch(raw: Record<string, string | string[] | undefined>): { q: string } {
  return schema.parse({ q: typeof raw.q === "string" ? raw.q : undefined });
}
