/**
 * `npm run webhooks -- create --tenant ID --url URL [--events a,b]` (prints the `whsec_…` signing secret
 * alone on its last line; shown only this once), `list [--tenant ID]`, `revoke ID`.
 */
import { parseArgs } from "node:util";
import { allowServerModules } from "./server-modules";

allowServerModules();
const { closeDb } = await import("../db/client");
const { migrateDb } = await import("../db/migrate");
const { UnknownTenantError } = await import("../db/queries/api-keys");
const hooks = await import("../db/queries/webhooks");
const { WEBHOOK_EVENT_TYPES } = await import("../lib/recovery/change-events");
const { env } = await import("../lib/env");
const { parseId } = await import("../lib/errors");
const { checkWebhookTarget, WebhookTargetError } = await import("../server/webhooks/targets");

const USAGE = `Usage: npm run webhooks -- create --tenant ID --url URL [--events ${WEBHOOK_EVENT_TYPES.join(",")}] | list [--tenant ID] | revoke ID`;
const actor = { type: "system" as const, id: null, label: "cli:webhooks" };
const iso = (d: Date | null) => (d ? d.toISOString() : "-");

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv.filter((a) => a !== "--"),
    allowPositionals: true,
    options: { tenant: { type: "string" }, url: { type: "string" }, events: { type: "string" } },
  });
  const [command, arg] = positionals;
  await migrateDb();
  if (command === "create") {
    const tenantId = parseId(values.tenant);
    if (tenantId === null || !values.url) return usage();
    const events = values.events ? values.events.split(",").map((e) => e.trim()).filter(Boolean) : [];
    const unknown = events.filter((e) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e));
    if (unknown.length) {
      console.error(`Unknown event type(s): ${unknown.join(", ")}. Known: ${WEBHOOK_EVENT_TYPES.join(", ")}.`);
      return 2;
    }
    const url = await checkWebhookTarget(values.url, env.WEBHOOK_ALLOW_PRIVATE_TARGETS);
    const { endpoint, secret } = await hooks.createWebhookEndpoint({
      tenantId, url: url.toString(), eventTypes: events as (typeof WEBHOOK_EVENT_TYPES)[number][], actor,
    });
    console.log(`Created webhook ${endpoint.id} for tenant ${tenantId} → ${endpoint.url} (${endpoint.eventTypes.join(", ")}). Signing secret, shown only now:`);
    console.log(secret);
    return 0;
  }
  if (command === "list") {
    const tenantId = values.tenant === undefined ? undefined : parseId(values.tenant);
    if (tenantId === null) return usage();
    console.log("id\ttenant\turl\tevents\tcreated\trevoked");
    for (const e of await hooks.listWebhookEndpoints(tenantId)) {
      console.log([e.id, e.tenantId, e.url, e.eventTypes.join(","), iso(e.createdAt), iso(e.revokedAt)].join("\t"));
    }
    return 0;
  }
  if (command === "revoke") {
    const id = parseId(arg);
    if (id === null) return usage();
    if (!(await hooks.revokeWebhookEndpoint({ id, actor }))) {
      console.error(`No active webhook ${id}.`);
      return 1;
    }
    console.log(`Revoked webhook ${id}; nothing more is sent to it.`);
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
    const known = e instanceof UnknownTenantError || e instanceof WebhookTargetError;
    console.error(known ? `Refused: ${e.message}` : `Failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
