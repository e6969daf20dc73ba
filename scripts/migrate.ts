import { describeDatabase } from "../lib/env";
import { closeDb } from "../db/client";
import { migrateDb } from "../db/migrate";

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
