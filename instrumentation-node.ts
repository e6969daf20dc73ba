import { describeDatabase } from "./lib/env";
import { migrateDb } from "./db/migrate";

export async function prepareServer(): Promise<void> {
  try {
    await migrateDb();
    console.log(`[recovery-posture] database ready: ${describeDatabase()}`);
  } catch (e) {
    // Serve anyway: every page then shows an error state that makes no claim, and the API answers 503.
    console.error(`[recovery-posture] database not ready (${describeDatabase()}):`, e instanceof Error ? e.message : e);
  }
}
