/** Sessions and request targets: signed-in cookies per persona and the URLs each endpoint rotates through. */
import postgres from "postgres";
import { type BenchUser } from "./load/generate";
import { type EndpointId, PERSONAS, type PersonaName, type SizeSpec } from "./config";
import { spread } from "./util";

export interface Target {
  path: string;
  cookie: string;
}

export async function signIn(base: string, user: BenchUser): Promise<{ cookie: string; token: string }> {
  const r = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: user.email, password: user.password }),
    redirect: "manual",
  });
  if (r.status !== 200) throw new Error(`sign-in as ${user.email} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
  const raw = r.headers.getSetCookie().find((c) => c.startsWith("better-auth.session_token="));
  if (!raw) throw new Error("sign-in set no better-auth.session_token cookie");
  const pair = raw.split(";")[0]!;
  const value = decodeURIComponent(pair.slice(pair.indexOf("=") + 1));
  return { cookie: pair, token: value.split(".")[0]! };
}

/** One session per tenant, each with that tenant as its current tenant (what the tenant switcher does). */
export async function pinnedSessions(base: string, sql: postgres.Sql, user: BenchUser, tenantIds: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const queue = [...tenantIds];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let t = queue.shift(); t !== undefined; t = queue.shift()) {
        const s = await signIn(base, user);
        await sql`update sessions set active_tenant_id = ${t} where token = ${s.token}`;
        out.set(t, s.cookie);
      }
    }),
  );
  return out;
}

export function cursorAfter(id: number): string {
  return Buffer.from(JSON.stringify({ i: id }), "utf8").toString("base64url");
}

export interface PersonaTargets {
  endpoints: Partial<Record<EndpointId, Target[]>>;
  /** For validation: per deep target, the run id that must be on that page. */
  deepOldest: Map<string, number>;
  notes: string[];
}

export async function buildTargets(base: string, sql: postgres.Sql, persona: PersonaName, size: SizeSpec): Promise<PersonaTargets> {
  const user = PERSONAS[persona].user;
  const memberTenants = (
    await sql<{ tenant_id: number }[]>`select tenant_id from memberships where user_id = ${user.id} order by tenant_id`
  ).map((r) => r.tenant_id);
  const counts = new Map(
    (
      await sql<{ tenant_id: number; n: number }[]>`
        select tenant_id, count(*)::int as n from restore_runs where tenant_id = any(${memberTenants}) group by tenant_id`
    ).map((r) => [r.tenant_id, r.n]),
  );
  const deepTenants = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 10).map(([t]) => t);
  // Pages are per session (the current tenant): 40 tenants spread over the member range.
  const pageTenants = persona === "sample" ? memberTenants : spread(size.tenants, 40);
  const sessions = await pinnedSessions(base, sql, user, [...new Set([...pageTenants, ...deepTenants])]);
  const apiCookie = sessions.get(pageTenants[0]!)!;

  const evidenceTenants = persona === "sample" ? memberTenants : spread(size.tenants, 200);
  let runIds: number[];
  if (persona === "sample") {
    runIds = [];
    for (const t of memberTenants) {
      const n = counts.get(t) ?? 0;
      for (const k of [0.1, 0.3, 0.5, 0.7, 0.9]) {
        const [row] = await sql<{ id: number }[]>`
          select id from restore_runs where tenant_id = ${t} order by id offset ${Math.floor(n * k)} limit 1`;
        if (row) runIds.push(row.id);
      }
    }
  } else {
    const [{ max } = { max: 0 }] = await sql<{ max: number }[]>`select max(id)::int as max from restore_runs`;
    runIds = spread(max, 300);
  }

  const deepOldest = new Map<string, number>();
  const deep: Target[] = [];
  for (const t of deepTenants) {
    const n = counts.get(t)!;
    const [cursorRow] = await sql<{ id: number }[]>`
      select id from restore_runs where tenant_id = ${t} order by id desc offset ${Math.max(0, n - 26)} limit 1`;
    const [oldest] = await sql<{ id: number }[]>`select min(id)::int as id from restore_runs where tenant_id = ${t}`;
    const target = { path: `/restore-runs?after=${cursorAfter(cursorRow!.id)}`, cookie: sessions.get(t)! };
    deep.push(target);
    deepOldest.set(target.cookie + target.path, oldest!.id);
  }
  const deepSizes = deepTenants.map((t) => counts.get(t)!);
  return {
    endpoints: {
      evidence: evidenceTenants.map((t) => ({ path: `/api/tenants/${t}/recovery-evidence`, cookie: apiCookie })),
      dashboard: pageTenants.map((t) => ({ path: "/dashboard", cookie: sessions.get(t)! })),
      "list-first": pageTenants.map((t) => ({ path: "/restore-runs", cookie: sessions.get(t)! })),
      "list-deep": deep,
      detail: runIds.map((id) => ({ path: `/restore-runs/${id}`, cookie: apiCookie })),
      "run-api": runIds.map((id) => ({ path: `/api/restore-runs/${id}`, cookie: apiCookie })),
      // The fleet page assesses every tenant of the operator: the sample operator's 41–49 here. The owner of
      // all 5,000 tenants is bench/fleet.ts's case (its own databases and report).
      ...(persona === "sample" ? { fleet: [{ path: "/fleet", cookie: apiCookie }] } : {}),
    },
    deepOldest,
    notes: [
      `${memberTenants.length} memberships; pages over ${pageTenants.length} tenants (sessions pinned to each); ` +
        `evidence over ${evidenceTenants.length} tenants; detail over ${runIds.length} runs; ` +
        `deep pages in the ${deepTenants.length} longest histories (${Math.min(...deepSizes)}–${Math.max(...deepSizes)} runs, page offset up to ${Math.max(...deepSizes) - 25})`,
    ],
  };
}

/** One request per endpoint kind must answer 200 with the right content before it is measured. */
export async function validate(base: string, id: EndpointId, targets: Target[], deepOldest: Map<string, number>): Promise<void> {
  const check = id === "list-deep" ? targets : targets.slice(0, 2);
  for (const t of check) {
    const r = await fetch(base + t.path, { headers: { cookie: t.cookie }, redirect: "manual" });
    const body = await r.text();
    if (r.status !== 200) throw new Error(`${id}: ${t.path} answered ${r.status} (${body.slice(0, 200)})`);
    if (id === "evidence" && !body.includes('"overviewState"')) throw new Error(`${id}: no overviewState in ${body.slice(0, 200)}`);
    if (id === "fleet" && !body.includes("worst first")) throw new Error(`${id}: ${t.path} did not render the fleet table`);
    if (id === "list-deep") {
      const oldest = deepOldest.get(t.cookie + t.path)!;
      // The row's link, quoted or not (the rows' markup leaves ids unquoted: decision 0020).
      if (!new RegExp(`/restore-runs/${oldest}(?![0-9])`).test(body)) throw new Error(`${id}: ${t.path} did not render the deepest page (run #${oldest} missing)`);
    }
  }
}
