import { describeDatabase } from "../lib/env";
import { allowServerModules } from "./server-modules";

// The migration step fills the fleet projection, whose statement is built by the server's query modules.
allowServerModules();
const { closeDb } = await import("../db/client");
const { migrateDb } = await import("../db/migrate");

async function main() {
  await migrateDb();
  console.log(`Migrations applied to ${describeDatabase()}.`);
}

main()
  .catch((e) => {
    console.error(`Migration failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
