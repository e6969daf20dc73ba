/** The benchmark's configuration: dataset sizes, personas, endpoints, targets and the command-line options. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BENCH_SAMPLE_USER, BENCH_USER, type BenchUser } from "./load/generate";
import { SERVER_NODE_OPTIONS } from "../scripts/server-options";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const RESULTS_DIR = path.join(ROOT, "bench/results");
export const TMP_DIR = path.join(ROOT, "bench/.tmp");

/* ───────────────────────── configuration ───────────────────────── */

export interface SizeSpec {
  name: "10k" | "1M";
  database: string;
  tenants: number;
  runsPerTenant: number;
}

export const SIZES: SizeSpec[] = [
  { name: "10k", database: "rp_bench_small", tenants: 50, runsPerTenant: 200 },
  { name: "1M", database: "rp_bench_large", tenants: 5000, runsPerTenant: 200 },
];

export type PersonaName = "sample" | "all";
export const PERSONAS: Record<PersonaName, { user: BenchUser; label: string }> = {
  sample: { user: BENCH_SAMPLE_USER, label: `operator with a fixed sample of ≤50 tenants (${BENCH_SAMPLE_USER.email})` },
  all: { user: BENCH_USER, label: `operator who owns every tenant (${BENCH_USER.email})` },
};

export type EndpointId = "ping" | "page-floor" | "evidence" | "dashboard" | "list-first" | "list-deep" | "detail" | "run-api" | "fleet";
export const ENDPOINT_LABELS: Record<EndpointId, string> = {
  ping: "GET /api/ping (floor: no database, no session)",
  "page-floor": "GET /sign-in without a session (a dynamic page with no data: the framework's page floor, for reference)",
  evidence: "GET /api/tenants/{id}/recovery-evidence",
  dashboard: "GET /dashboard",
  "list-first": "GET /restore-runs (first page)",
  "list-deep": "GET /restore-runs?after=… (deepest page of the longest histories)",
  detail: "GET /restore-runs/{id}",
  "run-api": "GET /api/restore-runs/{id}",
  fleet: "GET /fleet (first page, with the distribution chart)",
};
/** The pages (HTML documents), measured against the page floor and weighed in bytes. */
export const PAGE_ENDPOINTS: EndpointId[] = ["page-floor", "dashboard", "list-first", "list-deep", "detail", "fleet"];
/** API targets: multiples of `/api/ping`'s p95 in the same run (issue 14). */
export const API_FLOOR_LIMITS: Partial<Record<EndpointId, number>> = { evidence: 1.5 };
/**
 * Page targets: multiples of the page floor's p95 (`/sign-in` without a session, same run; issue 14). The
 * page targets relative to `/api/ping` (issue 5) are gone: a page that reads nothing already costs ~4× it.
 */
export const PAGE_FLOOR_LIMITS: Partial<Record<EndpointId, number>> = { dashboard: 1.5, detail: 1.5, "list-first": 2, "list-deep": 2, fleet: 2 };
/** The list page's document (HTML with its inline RSC data) for a page of 25 rows, in bytes (35 kB). */
export const LIST_DOCUMENT_LIMIT_BYTES = 35_000;
export const GROWTH_LIMIT = 1.5;
export const RSS_LIMIT_MB = 300;
export const LOAD_RATE_TARGET = 50_000;
/** A measurement during which other processes used more than this share of the machine is flagged. */
export const NOISE_LIMIT_PCT = 10;

export interface Options {
  sizes: SizeSpec[];
  duration: number;
  warmup: number;
  connections: number;
  port: number;
  build: boolean;
  tests: boolean;
  personas: PersonaName[];
  reuseData: boolean;
  serverNodeOptions: string;
  /** Suffix of the result file names, for experiments that must not replace the day's main results. */
  label: string | null;
  /** Measure the page floor again right before each page and compare the page with that one (--paired-floor). */
  pairedFloor: boolean;
}

/** The sizes with their databases named `<prefix>_small` / `<prefix>_large` (several engineers share one PostgreSQL). */
export function sizesWithPrefix(prefix: string): SizeSpec[] {
  return SIZES.map((s) => ({ ...s, database: s.database.replace(/^rp_bench/, prefix) }));
}

export function parseOptions(argv: string[]): Options {
  const args = argv.filter((a) => a !== "--");
  const get = (name: string): string | undefined => {
    const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    const a = args[i]!;
    return a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[i + 1];
  };
  const num = (name: string, fallback: number, min: number, max: number) => {
    const raw = get(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}`);
    return n;
  };
  const sizeNames = (get("--sizes") ?? "10k,1M").split(",");
  const prefix = get("--db-prefix") ?? "rp_bench";
  if (!/^rp_[a-z0-9_]{1,40}$/.test(prefix)) throw new Error("--db-prefix must look like rp_name (lower case, digits, _)");
  const sizes = sizesWithPrefix(prefix).filter((s) => sizeNames.includes(s.name));
  if (sizes.length === 0) throw new Error("--sizes takes 10k, 1M or both");
  const personas = (get("--personas") ?? "sample,all").split(",").filter((p): p is PersonaName => p in PERSONAS);
  if (personas.length === 0) throw new Error("--personas takes sample, all or both");
  return {
    sizes,
    duration: num("--duration", 10, 1, 600),
    warmup: num("--warmup", 3, 0, 120),
    connections: num("--connections", 10, 1, 1000),
    port: num("--port", 3200, 3200, 3799),
    build: !args.includes("--skip-build"),
    tests: !args.includes("--skip-tests"),
    personas,
    reuseData: args.includes("--reuse-data"),
    serverNodeOptions: get("--server-node-options") ?? SERVER_NODE_OPTIONS,
    label: get("--label")?.replace(/[^a-z0-9-]/gi, "") || null,
    pairedFloor: args.includes("--paired-floor"),
  };
}
