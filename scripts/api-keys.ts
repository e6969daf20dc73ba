/**
 * `npm run api-keys -- create --tenant ID --name NAME` (prints the key alone on its last line; it is
 * shown only this once), `list [--tenant ID]`, `revoke ID`.
 */
import { parseArgs } from "node:util";
import { allowServerModules } from "./server-modules";

allowServerModules();
const { closeDb } = await import("../db/client");
const { migrateDb } = await import("../db/migrate");
const keys = await import("../db/queries/api-keys");
const { parseId } = await import("../lib/errors");

const USAGE = "Usage: npm run api-keys -- create --tenant ID --name NAME | list [--tenant ID] | revoke ID";
const actor = { type: "system" as const, id: null, label: "cli:api-keys" };
const iso = (d: Date | null) => (d ? d.toISOString() : "-");

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv.filter((a) => a !== "--"),
    allowPositionals: true,
    options: { tenant: { type: "string" }, name: { type: "string" } },
  });
  const [command, arg] = positionals;
  await migrateDb();
  if (command === "create") {
    const tenantId = parseId(values.tenant);
    const name = values.name?.trim();
    if (tenantId === null || !name) return usage();
    const { apiKey, key } = await keys.createApiKey({ tenantId, name, actor });
    console.log(`Created API key ${apiKey.id} "${apiKey.name}" for tenant ${tenantId} (permission: ingest). It is shown only now:`);
    console.log(key);
    return 0;
  }
  if (command === "list") {
    const tenantId = values.tenant === undefined ? undefined : parseId(values.tenant);
    if (tenantId === null) return usage();
    const rows = await keys.listApiKeys(tenantId);
    console.log("id\ttenant\tname\tstart\tcreated\tlast used\trevoked");
    for (const k of rows) console.log([k.id, k.tenantId, k.name, `${k.start}…`, iso(k.createdAt), iso(k.lastUsedAt), iso(k.revokedAt)].join("\t"));
    return 0;
  }
  if (command === "revoke") {
    const id = parseId(arg);
    if (id === null) return usage();
    if (!(await keys.revokeApiKey({ id, actor }))) {
      console.error(`No active API key ${id}.`);
      return 1;
    }
    console.log(`Revoked API key ${id}; requests with it are refused from now on.`);
    return 0;
  }
  return usage();
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2))
  .then((code) => (process.exitCode = code))
  .catch((e) => {
    console.error(e instanceof keys.UnknownTenantError ? e.message : `Failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
