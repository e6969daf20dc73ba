import "server-only";
/**
 * The ingest endpoints (§12): `PUT /api/v1/tenants/{tenantId}/{backup-sets|operation-runs|restore-runs}/{id}`
 * and `POST /api/v1/tenants/{tenantId}/batch`. Records are validated by the importer's schema module and
 * written through the one write module, with the audit row, in one transaction. The answer is the stored
 * record(s), the attention of restore runs and the tenant's assessment after the write.
 */
import { inArray, and, eq } from "drizzle-orm";
import { recordAudit } from "../../db/audit";
import { getDb, type Executor } from "../../db/client";
import { DatasetError } from "../../db/import/dataset-error";
import { parseDataset } from "../../db/import/importer";
import { touchApiKey } from "../../db/queries/api-keys";
import { operationRuns, type OperationRun, type RestoreRun } from "../../db/schema";
import { writeEvidence } from "../../db/write/evidence-writer";
import { EVIDENCE_ARRAYS, recordJson, type EvidenceArray, type EvidenceRecords } from "../../db/write/rows";
import { env } from "../../lib/env";
import { clientAddressFrom } from "../client-address";
import { resolveResultAttention } from "../../lib/recovery/result-attention";
import { jsonOk, requireId } from "../api/respond";
import { nudgeWorker } from "../webhooks/nudge";
import { IngestError, ingestErrorResponse, statusOf } from "./errors";
import { authorizeIngest, readJsonBody, type IngestContext } from "./request";
import { futureDatedWarnings } from "./warnings";

export const MAX_BATCH_RECORDS = 1000;

const SINGULAR: Record<EvidenceArray, string> = {
  backup_sets: "backup set",
  operation_runs: "operation run",
  restore_runs: "restore run",
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The client address the HTTP edge resolved (server/http-edge.cjs; X-Forwarded-For only through TRUST_PROXY). */
function clientAddress(request: Request): string | null {
  return clientAddressFrom(request.headers);
}

/** Runs one ingest request; a rejected request with a valid key is audited too (outside any write). */
async function ingestRoute(request: Request, target: string, work: (hold: { ctx?: IngestContext }) => Promise<unknown>): Promise<Response> {
  const hold: { ctx?: IngestContext } = {};
  try {
    return jsonOk(await work(hold));
  } catch (e) {
    const status = statusOf(e);
    if (hold.ctx && status !== 429 && status !== 503) {
      await recordAudit(getDb(), {
        actorType: "api_key", actorId: String(hold.ctx.key.id), actorLabel: hold.ctx.key.name, tenantId: hold.ctx.key.tenantId,
        action: "ingest.request", target, clientAddress: clientAddress(request), detail: { status, method: request.method },
      }).catch((err) => console.error("[ingest] audit of a rejected request failed:", err));
    }
    return ingestErrorResponse(e);
  }
}

async function operationRunsOf(tx: Executor, tenantId: number, runs: RestoreRun[]): Promise<Map<number, OperationRun>> {
  const ids = [...new Set(runs.flatMap((r) => (r.operationRunId === null ? [] : [r.operationRunId])))];
  if (!ids.length) return new Map();
  const rows = await tx.select().from(operationRuns).where(and(eq(operationRuns.tenantId, tenantId), inArray(operationRuns.id, ids)));
  return new Map(rows.map((o) => [o.id, o]));
}

function runWithAttention(run: RestoreRun, ops: Map<number, OperationRun>) {
  const op = run.operationRunId === null ? undefined : ops.get(run.operationRunId);
  return { ...recordJson(run), attention: resolveResultAttention(run, op ?? null) };
}

async function write(request: Request, ctx: IngestContext, records: EvidenceRecords, target: string) {
  const now = new Date();
  const out = await getDb().transaction(async (tx) => {
    const result = await writeEvidence(tx, records, { mode: "upsert", now, assess: [ctx.tenantId], returnRows: true });
    const ops = await operationRunsOf(tx, ctx.tenantId, result.stored.restore_runs);
    await recordAudit(tx, {
      actorType: "api_key", actorId: String(ctx.key.id), actorLabel: ctx.key.name, tenantId: ctx.tenantId,
      action: "ingest.request", target, clientAddress: clientAddress(request),
      detail: {
        status: 200, method: request.method, records: EVIDENCE_ARRAYS.reduce((n, a) => n + records[a].length, 0),
        written: result.written, events: result.events,
      },
    });
    return { result, ops };
  });
  if (out.result.events > 0) nudgeWorker();
  void touchApiKey(ctx.key.id).catch(() => {});
  const assessment = out.result.assessments.get(ctx.tenantId)!;
  return { ...out, assessment, now };
}

/** PUT one record: create or replace it by the path's id. */
export function putRecord(request: Request, params: Promise<{ tenantId: string; id: string }>, kind: EvidenceArray) {
  return ingestRoute(request, `${kind}:put`, async (hold) => {
    const p = await params;
    hold.ctx = await authorizeIngest(request, p.tenantId);
    const { tenantId } = hold.ctx;
    const id = requireId(p.id, SINGULAR[kind]);
    const body = await readJsonBody(request);
    if (!isPlainObject(body)) throw new DatasetError(kind, 0, null, "must be a JSON object");
    if (body.id !== undefined && body.id !== id) throw new DatasetError(kind, 0, "id", `must be ${id}, the id in the path`);
    if (body.tenant_id !== undefined && body.tenant_id !== tenantId) throw new DatasetError(kind, 0, "tenant_id", `must be ${tenantId}, the tenant in the path`);
    const { dataset, warnings } = parseDataset({ [kind]: [{ ...body, id, tenant_id: tenantId }] });
    const records: EvidenceRecords = { backup_sets: dataset.backup_sets, operation_runs: dataset.operation_runs, restore_runs: dataset.restore_runs };
    const { result, ops, assessment, now } = await write(request, hold.ctx, records, `${kind.slice(0, -1)}:${id}`);
    const row = result.stored[kind][0]!;
    return {
      record: recordJson(row),
      attention: kind === "restore_runs" ? runWithAttention(row as RestoreRun, ops).attention : null,
      evidence: assessment.evidence,
      backupHealth: assessment.backupHealth,
      changed: result.written > 0,
      warnings: [...warnings, ...futureDatedWarnings(records, now)],
    };
  });
}

/** POST a batch of up to 1,000 records of the path's tenant: all written, or none. */
export function postBatch(request: Request, params: Promise<{ tenantId: string }>) {
  return ingestRoute(request, "batch", async (hold) => {
    hold.ctx = await authorizeIngest(request, (await params).tenantId);
    const { tenantId } = hold.ctx;
    const body = await readJsonBody(request);
    if (!isPlainObject(body)) throw new DatasetError(null, null, null, "the batch must be a JSON object with backup_sets, operation_runs and restore_runs arrays");
    for (const key of Object.keys(body)) {
      if (!(EVIDENCE_ARRAYS as readonly string[]).includes(key)) throw new DatasetError(null, null, null, `"${key}" is not accepted in a batch (only ${EVIDENCE_ARRAYS.join(", ")})`);
    }
    let total = 0;
    const filled: Record<string, unknown[]> = {};
    for (const array of EVIDENCE_ARRAYS) {
      const list = body[array] ?? [];
      if (!Array.isArray(list)) throw new DatasetError(null, null, null, `"${array}" must be an array`);
      total += list.length;
      filled[array] = list.map((r: unknown, index: number) => {
        if (!isPlainObject(r)) throw new DatasetError(array, index, null, "must be an object");
        if (r.id === undefined) throw new DatasetError(array, index, "id", "is required (ingest creates or replaces by id)");
        if (r.tenant_id !== undefined && r.tenant_id !== tenantId) throw new DatasetError(array, index, "tenant_id", `must be ${tenantId}, the tenant in the path`);
        return { ...r, tenant_id: tenantId };
      });
    }
    if (total > MAX_BATCH_RECORDS) throw new IngestError(400, "too_many_records", `A batch holds at most ${MAX_BATCH_RECORDS} records; this one has ${total}.`);
    const { dataset, warnings } = parseDataset(filled);
    for (const array of EVIDENCE_ARRAYS) {
      const seen = new Map<number, number>();
      dataset[array].forEach((r, i) => {
        if (seen.has(r.id!)) throw new DatasetError(array, i, "id", `duplicates the id of ${array}[${seen.get(r.id!)}]`);
        seen.set(r.id!, i);
      });
    }
    const records: EvidenceRecords = { backup_sets: dataset.backup_sets, operation_runs: dataset.operation_runs, restore_runs: dataset.restore_runs };
    const { result, ops, assessment, now } = await write(request, hold.ctx, records, "batch");
    return {
      records: {
        backup_sets: result.stored.backup_sets.map(recordJson),
        operation_runs: result.stored.operation_runs.map(recordJson),
        restore_runs: result.stored.restore_runs.map((r) => runWithAttention(r, ops)),
      },
      evidence: assessment.evidence,
      backupHealth: assessment.backupHealth,
      written: result.written,
      warnings: [...warnings, ...futureDatedWarnings(records, now)],
    };
  });
}
