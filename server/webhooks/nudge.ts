/**
 * Wakes this process's delivery worker right after a write committed outbox events, so delivery does not
 * wait for the next poll. Across bundles of one `next` process the listener lives on globalThis; other
 * processes find the events by polling.
 */
const key = Symbol.for("recovery-posture.webhook-nudge");
type G = typeof globalThis & { [key]?: Set<() => void> };
const g = globalThis as G;

export function onNudge(listener: () => void): () => void {
  const set = (g[key] ??= new Set());
  set.add(listener);
  return () => set.delete(listener);
}

export function nudgeWorker(): void {
  for (const listener of g[key] ?? []) listener();
}
