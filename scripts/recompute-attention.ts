import { describeDatabase } from "../lib/env";
import { allowServerModules } from "./server-modules";

allowServerModules();
const { closeDb, getDb } = await import("../db/client");
const { recomputeAttentionStates } = await import("../db/import/recompute-attention");
const { migrateDb } = await import("../db/migrate");
const { refreshAllTenantEvidence } = await import("../db/write/tenant-evidence");

/** `npm run db:recompute-attention`: rewrites the stored attention_state of every restore run (decision 0003). */
async function main() {
  await migrateDb();
  const { scanned, changed } = await recomputeAttentionStates(getDb());
  console.log(
    `Attention recomputed in ${describeDatabase()}: ${scanned.toLocaleString("en")} restore runs read, ${changed.toLocaleString("en")} rewritten.`,
  );
  // The other stored derivation: the fleet projection of every tenant (decision 0017), from the rows as they are.
  await getDb().transaction((tx) => refreshAllTenantEvidence(tx, { onlyMissing: false }));
  console.log("Fleet projection (tenant_evidence) recomputed for every tenant.");
}

main()
  .catch((e) => {
    console.error(`Recomputing attention failed, nothing was written: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
