import { z } from "zod";
import {
  ATTENTION_STATES,
  RECOVERY_POSTURE_REASONS,
  type AttentionState,
  type RecoveryPostureReason,
} from "../recovery/vocabulary";
import { cursorFromTokens, encodeCursorKey, single, type ListCursor, type ListKey, type RawSearchParams, type SortOrder } from "./cursor";

/**
 * /restore-runs query string, parsed once. Every field falls back to its default on a bad value
 * (unknown, repeated, empty, HTML…); nothing raw is ever returned, so nothing raw can be echoed.
 */

/** The orderings of the restore-run list: the page, the query (db/queries/restore-runs.ts) and the table columns use these. */
export const RESTORE_RUN_SORT_KEYS = ["id", "completed_at"] as const;
export type RestoreRunSortKey = (typeof RESTORE_RUN_SORT_KEYS)[number];

/**
 * "A filter means id order": with an attention filter the list is ordered by id only
 * (restore_runs_tenant_attention_idx is `tenant_id, attention_state, id desc`); there is no index for
 * attention + completed_at, and a filtered completed-at sort would scan the tenant's history.
 */
export function effectiveRestoreRunSort(q: { state: AttentionState | null; sort: RestoreRunSortKey }): RestoreRunSortKey {
  return q.state === null ? q.sort : "id";
}

const fields = z.object({
  recovery_posture_reason: z.enum(RECOVERY_POSTURE_REASONS).nullable().catch(null),
  state: z.enum(ATTENTION_STATES).nullable().catch(null),
  sort: z.enum(RESTORE_RUN_SORT_KEYS).catch("id"),
  order: z.enum(["asc", "desc"]).catch("desc"),
  after: z.string().nullable().catch(null),
  before: z.string().nullable().catch(null),
});

export interface RestoreRunsParams {
  /** List context from the dashboard (never persisted); null unless exactly one known value. */
  reason: RecoveryPostureReason | null;
  /** Attention filter; null shows every run. */
  state: AttentionState | null;
  /** The ordering in use. With an attention filter it is always `id` (effectiveRestoreRunSort). */
  sort: RestoreRunSortKey;
  order: SortOrder;
  cursor: ListCursor | null;
}

export const DEFAULT_RESTORE_RUNS_PARAMS: RestoreRunsParams = {
  reason: null,
  state: null,
  sort: "id",
  order: "desc",
  cursor: null,
};

export function parseRestoreRunsSearchParams(raw: RawSearchParams | null | undefined): RestoreRunsParams {
  const input = raw ?? {};
  const parsed = fields.safeParse({
    recovery_posture_reason: single(input.recovery_posture_reason),
    state: single(input.state),
    sort: single(input.sort),
    order: single(input.order),
    after: single(input.after),
    before: single(input.before),
  });
  if (!parsed.success) return DEFAULT_RESTORE_RUNS_PARAMS;
  const p = parsed.data;
  const sort = effectiveRestoreRunSort(p);
  return {
    reason: p.recovery_posture_reason,
    state: p.state,
    sort,
    order: p.order,
    cursor: cursorFromTokens(p.after, p.before, sort),
  };
}

/** The URL of a list view; defaults are left out so the plain list is just `/restore-runs`. */
export function restoreRunsHref(
  params: Omit<RestoreRunsParams, "cursor"> & { cursor?: { direction: "after" | "before"; key: ListKey } | null },
): string {
  const q = new URLSearchParams();
  if (params.reason) q.set("recovery_posture_reason", params.reason);
  if (params.state) q.set("state", params.state);
  if (params.sort !== "id") q.set("sort", params.sort);
  if (params.order !== "desc") q.set("order", params.order);
  if (params.cursor) q.set(params.cursor.direction, encodeCursorKey(params.cursor.key));
  const s = q.toString();
  return s ? `/restore-runs?${s}` : "/restore-runs";
}
