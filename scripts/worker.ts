/**
 * `npm run worker`: the webhook delivery worker and time-driven sweep on their own, for running beside
 * servers started with WEBHOOK_WORKER=off (PostgreSQL; the embedded database allows one process only).
 */
import { allowServerModules } from "./server-modules";

allowServerModules();
const { migrateDb } = await import("../db/migrate");
const { describeDatabase } = await import("../lib/env");
const { startWebhookWorker } = await import("../server/webhooks/worker");

await migrateDb();
startWebhookWorker();
console.error(`[webhooks] worker running against ${describeDatabase()}`);
