/**
 * EXPLAIN (ANALYZE, BUFFERS) of every statement a hot request issues, exactly as the app issues it: the
 * real query functions run inside `countQueries`, which records each statement and its parameters, and
 * each one is then explained with those parameters. Run by bench/run.ts after the HTTP measurements:
 *
 *   DATABASE_URL=… node --conditions=react-server --import tsx bench/explain.ts > explain.md
 *
 * (`react-server` lets the query modules' `import "server-only"` resolve outside Next.js.)
 * Each statement is explained twice and the second, warm plan is printed: the benchmark measures a warm
 * server, and the first run mostly measures the page cache.
 */
import type { Sql } from "postgres";
import { closeDb, databaseKind, getDb } from "../db/client";
import { BENCH_SAMPLE_USER, BENCH_USER } from "./load/generate";
import { getMembership, listMemberships, TENANT_SWITCHER_LIMIT } from "../db/queries/access";
import { getRecoveryEvidenceInputs } from "../db/queries/evidence-inputs";
import { getRestoreRunDetail, listRestoreRuns } from "../db/queries/restore-runs";
import { countQueries } from "../db/query-counter";
import { createAuth } from "../server/auth/auth";
import { createSessionReader } from "../server/auth/session-read";

interface Scenario {
  title: string;
  why: string;
  work: () => Promise<unknown>;
}

async function main() {
  if (databaseKind() !== "postgres") throw new Error("bench/explain.ts needs DATABASE_URL (PostgreSQL)");
  const db = getDb();
  const client = (db as unknown as { $client: Sql }).$client;

  const [largest] = await client<{ tenant_id: number; n: number }[]>`
    select tenant_id, count(*)::int as n from restore_runs group by tenant_id order by n desc, tenant_id limit 1`;
  const [totals] = await client<{ tenants: number; runs: number }[]>`
    select (select count(*)::int from tenants) as tenants, (select count(*)::int from restore_runs) as runs`;
  if (!largest || !totals) throw new Error("no restore runs: load a history first (npm run db:generate-load)");
  const tenant = largest.tenant_id;
  const [deep] = await client<{ id: number }[]>`
    select id from restore_runs where tenant_id = ${tenant} order by id desc offset ${Math.max(0, largest.n - 26)} limit 1`;
  const [someRun] = await client<{ id: number }[]>`
    select id from restore_runs where tenant_id = ${tenant} order by id limit 1 offset ${Math.floor(largest.n / 2)}`;
  // The cases that tempt the planner off the tenant's index: among the ten longest histories, the one
  // that starts latest in the id range (its deepest page has every older row below the cursor), and
  // the one that ended earliest (a customer who left: its first page is far below the newest ids).
  const longest = await client<{ tenant_id: number; n: number; first: number; last: number }[]>`
    select tenant_id, count(*)::int as n, min(id)::int as first, max(id)::int as last
    from restore_runs group by tenant_id order by count(*) desc, tenant_id limit 10`;
  const lateStarter = [...longest].sort((a, b) => b.first - a.first)[0]!;
  const earlyEnder = [...longest].sort((a, b) => a.last - b.last)[0]!;
  const [lateDeep] = await client<{ id: number }[]>`
    select id from restore_runs where tenant_id = ${lateStarter.tenant_id} order by id desc offset ${Math.max(0, lateStarter.n - 26)} limit 1`;
  const allTenantIds = (await client<{ id: number }[]>`select id from tenants order by id`).map((r) => r.id);
  const sampleTenantIds = (
    await client<{ tenant_id: number }[]>`select tenant_id from memberships where user_id = ${BENCH_SAMPLE_USER.id} order by tenant_id`
  ).map((r) => r.tenant_id);

  // The session check every authenticated request makes, and Better Auth's own lookup it delegates to.
  const auth = createAuth(db, { appUrl: "http://127.0.0.1:3299", secret: "explain-only-secret-explain-only-secret", signInAttemptsPerMinute: 1000 });
  const signIn = await auth.api.signInEmail({
    body: { email: BENCH_USER.email, password: BENCH_USER.password },
    headers: new Headers({ origin: "http://127.0.0.1:3299" }),
    asResponse: true,
  });
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const readSession = createSessionReader(auth, db);

  const scenarios: Scenario[] = [
    {
      title: "Session check (server/auth/session-read.ts)",
      why: "every authenticated page and API request with a valid, fresh session cookie (decision 0008)",
      work: () => readSession(new Headers({ cookie })),
    },
    {
      title: "Session check delegated to Better Auth getSession",
      why: "requests whose session is due for its hourly refresh, expired, or whose cookie does not verify",
      work: () => auth.api.getSession({ headers: new Headers({ cookie }) }),
    },
    {
      title: `Membership of the operator who owns every tenant (${allTenantIds.length}) in tenant #${tenant}`,
      why: "every authenticated request checks one membership by primary key (server/auth/viewer.ts)",
      work: () => getMembership(BENCH_USER.id, tenant),
    },
    {
      title: `Tenant switcher page for the operator who owns every tenant (first ${TENANT_SWITCHER_LIMIT} by name)`,
      why: "every page's header lists a bounded page of the viewer's tenants",
      work: () => listMemberships(BENCH_USER.id, { limit: TENANT_SWITCHER_LIMIT }),
    },
    {
      title: `Recovery evidence inputs, tenant #${tenant} (${largest.n} runs)`,
      why: "GET /api/tenants/{id}/recovery-evidence and the dashboard cards",
      work: () => getRecoveryEvidenceInputs(tenant),
    },
    {
      title: `Restore-run list, first page, tenant #${tenant}`,
      why: "GET /restore-runs",
      work: () => listRestoreRuns({ tenantId: tenant, state: null, sort: "id", order: "desc", cursor: null }),
    },
    {
      title: `Restore-run list, deepest page (after run #${deep?.id}), tenant #${tenant}`,
      why: "GET /restore-runs?after=… at the end of the longest history",
      work: () =>
        listRestoreRuns({ tenantId: tenant, state: null, sort: "id", order: "desc", cursor: { direction: "after", key: { id: deep!.id } } }),
    },
    {
      title: `Restore-run list, deepest page of tenant #${lateStarter.tenant_id} (${lateStarter.n} runs, first run #${lateStarter.first}), after run #${lateDeep?.id}`,
      why: "GET /restore-runs?after=… for a long history that starts late in the id range",
      work: () =>
        listRestoreRuns({
          tenantId: lateStarter.tenant_id,
          state: null,
          sort: "id",
          order: "desc",
          cursor: { direction: "after", key: { id: lateDeep!.id } },
        }),
    },
    {
      title: `Restore-run list, first page of tenant #${earlyEnder.tenant_id} (${earlyEnder.n} runs, last run #${earlyEnder.last})`,
      why: "GET /restore-runs for a long history that ended early in the id range",
      work: () => listRestoreRuns({ tenantId: earlyEnder.tenant_id, state: null, sort: "id", order: "desc", cursor: null }),
    },
    {
      title: `Restore-run list filtered to attention state "failed", tenant #${tenant}`,
      why: "GET /restore-runs?state=failed",
      work: () => listRestoreRuns({ tenantId: tenant, state: "failed", sort: "id", order: "desc", cursor: null }),
    },
    {
      title: `Restore-run list by completion time, first page, tenant #${tenant}`,
      why: "GET /restore-runs?sort=completed_at",
      work: () => listRestoreRuns({ tenantId: tenant, state: null, sort: "completed_at", order: "desc", cursor: null }),
    },
    {
      title: `Restore run #${someRun?.id} for the sampled operator (${sampleTenantIds.length} tenant ids)`,
      why: "GET /restore-runs/{id} and /api/restore-runs/{id}: the run, joined to the viewer's membership",
      work: () => getRestoreRunDetail(someRun!.id, BENCH_SAMPLE_USER.id),
    },
    {
      title: `Restore run #${someRun?.id} for the operator who owns every tenant (${allTenantIds.length} tenant ids)`,
      why: "the same lookup when the viewer belongs to every tenant",
      work: () => getRestoreRunDetail(someRun!.id, BENCH_USER.id),
    },
  ];

  const out: string[] = [];
  out.push(`# EXPLAIN (ANALYZE, BUFFERS): ${totals.tenants.toLocaleString("en")} tenants, ${totals.runs.toLocaleString("en")} restore runs`);
  out.push("");
  out.push(`Captured ${new Date().toISOString()}; warm (each statement was run once before the plan shown).`);
  for (const s of scenarios) {
    const { statements, parameters } = await countQueries(s.work);
    out.push("", `## ${s.title}`, "", `Used by: ${s.why}. Statements: ${statements.length}.`);
    for (let i = 0; i < statements.length; i++) {
      const text = statements[i]!;
      const params = (parameters[i] ?? []) as never[];
      const explain = `explain (analyze, buffers) ${text}`;
      await client.unsafe(explain, params);
      const plan = await client.unsafe<{ "QUERY PLAN": string }[]>(explain, params);
      const shownParams = params.length > 12 ? `[${params.slice(0, 12).map((p) => JSON.stringify(p)).join(", ")}, … ${params.length} in all]` : JSON.stringify(params);
      out.push("", `### Statement ${i + 1}`, "", "```sql", text, "```", "", `Parameters: ${shownParams}`, "", "```", ...plan.map((r) => r["QUERY PLAN"]), "```");
    }
  }
  console.log(out.join("\n"));
}

main()
  .catch((e) => {
    console.error(`explain failed: ${e instanceof Error ? e.stack : String(e)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
