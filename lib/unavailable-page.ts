/**
 * The no-claim error state (spec §7, §14) as a static page: proxy.ts answers page requests with it,
 * status 503, while the database is known to be unreachable (lib/db-breaker.ts), instead of rendering
 * pages that cannot load. The words are app/error.tsx's (lib/recovery/surface-copy.ts).
 */
import { EVIDENCE_UNAVAILABLE } from "./recovery/surface-copy";

export const UNAVAILABLE_TITLE = EVIDENCE_UNAVAILABLE.title;
export const UNAVAILABLE_TEXT = EVIDENCE_UNAVAILABLE.body;

export function unavailableHtml(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${UNAVAILABLE_TITLE} · Recovery Posture</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem"><main><h1>${UNAVAILABLE_TITLE}</h1><p role="alert">${UNAVAILABLE_TEXT}</p><p><a href="">${EVIDENCE_UNAVAILABLE.retry}</a></p></main></body></html>`;
}
