import { closeDb, getDb } from "../db/client";
import { recomputeAttentionStates } from "../db/import/recompute-attention";
import { migrateDb } from "../db/migrate";
import { describeDatabase } from "../lib/env";

/** `npm run db:recompute-attention`: rewrites the stored attention_state of every restore run (decision 0003). */
async function main() {
  await migrateDb();
  const { scanned, changed } = await recomputeAttentionStates(getDb());
  console.log(
    `Attention recomputed in ${describeDatabase()}: ${scanned.toLocaleString("en")} restore runs read, ${changed.toLocaleString("en")} rewritten.`,
  );
}

main()
  .catch((e) => {
    console.error(`Recomputing attention failed, nothing was written: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
