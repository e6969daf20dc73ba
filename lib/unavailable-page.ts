/**
 * The no-claim error state (spec §7, §14) as words, shared by app/error.tsx (a render that failed) and by
 * proxy.ts, which answers page requests with it directly, status 503, while the database is known to be
 * unreachable (lib/db-breaker.ts) instead of rendering pages that cannot load.
 */
export const UNAVAILABLE_TITLE = "Evidence could not be loaded";
export const UNAVAILABLE_TEXT =
  "The data behind this page could not be read, so nothing can be said about backup or restore evidence " +
  "right now. This is not a sign that anything is fine or broken — it is unknown.";

export function unavailableHtml(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${UNAVAILABLE_TITLE} · Recovery Posture</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem"><main><h1>${UNAVAILABLE_TITLE}</h1><p role="alert">${UNAVAILABLE_TEXT}</p><p><a href="">Try again</a></p></main></body></html>`;
}
