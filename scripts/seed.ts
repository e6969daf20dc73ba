import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { allowServerModules } from "./server-modules";

allowServerModules();
const { closeDb } = await import("../db/client");
const { importFile } = await import("../db/import/run-import");
const { buildDemoDataset, DEMO_PASSWORD, DEMO_USERS } = await import("../db/seed/demo-dataset");
const { describeDatabase } = await import("../lib/env");

/** Writes the demo dataset to a temporary file and loads it through the public importer (--replace). */
async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rp-seed-"));
  const file = path.join(dir, "demo-dataset.json");
  fs.writeFileSync(file, JSON.stringify(buildDemoDataset(), null, 2));
  const s = await importFile(file, true).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
  console.log(`Demo data loaded into ${describeDatabase()}: ${s.tenants} tenants, ${s.restore_runs} restore runs.`);
  console.log(`Demo sign-ins (password "${DEMO_PASSWORD}"): ${Object.values(DEMO_USERS).join(", ")}`);
  // Live ingest in the demo: one ingest key for the first demo tenant (owners manage more on /settings).
  const { createApiKey } = await import("../db/queries/api-keys");
  const { tenants } = await import("../db/schema");
  const { getDb } = await import("../db/client");
  const [first] = await getDb().select({ id: tenants.id, name: tenants.name }).from(tenants).orderBy(tenants.id).limit(1);
  if (first) {
    const { key } = await createApiKey({ tenantId: first.id, name: "demo backup tooling", actor: { type: "system", id: null, label: "db:seed" } });
    console.log(`Demo ingest key for ${first.name} (tenant ${first.id}), e.g. PUT /api/v1/tenants/${first.id}/restore-runs/{id}:`);
    console.log(`  ${key}`);
  }
}

main()
  .catch((e) => {
    console.error(`Seeding failed, nothing was written: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
