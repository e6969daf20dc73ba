import { describeDatabase } from "./lib/env";
import { describeError } from "./lib/redact";
import { migrateDb } from "./db/migrate";
import { env } from "./lib/env";

export async function prepareServer(): Promise<void> {
  // The HTTP edge (client address, 503 for database outages) is preloaded by every launcher; a server
  // started some other way gets it here, late but before it serves pages.
  const edge = await import("./server/http-edge.cjs");
  if (edge.install()) {
    console.warn("[recovery-posture] started without --require ./server/http-edge-preload.cjs (npm start adds it); installed the HTTP edge now");
  }
  try {
    await migrateDb();
    console.log(`[recovery-posture] database ready: ${describeDatabase()}`);
  } catch (e) {
    // Serve anyway: every page then shows an error state that makes no claim, and the API answers 503.
    console.error(`[recovery-posture] database not ready (${describeDatabase()}): ${describeError(e)}`);
  }
  // The webhook delivery worker and time-driven sweep run in the server unless WEBHOOK_WORKER=off
  // (then `npm run worker` runs them). It retries on its own while the database is unavailable.
  if (env.WEBHOOK_WORKER === "on") {
    try {
      const { startWebhookWorker } = await import("./server/webhooks/worker");
      startWebhookWorker();
      console.log("[recovery-posture] webhook worker started");
    } catch (e) {
      console.error(`[recovery-posture] webhook worker not started: ${describeError(e)}`);
    }
  }
}
