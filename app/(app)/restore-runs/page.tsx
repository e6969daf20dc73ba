import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExportLinks } from "@/components/exports/export-links";
import { AttentionFilter } from "@/components/restore-runs/attention-filter";
import { ReasonBanner } from "@/components/restore-runs/reason-banner";
import { toRestoreRunRowView } from "@/components/restore-runs/row-view";
import { RestoreRunsDataTable } from "@/components/restore-runs/table/data-table";
import { RestoreRunsEmptyState } from "@/components/restore-runs/table/empty-state";
import { DataAsOf } from "@/components/ui/data-as-of";
import { NoTenantPage } from "@/components/ui/no-tenant";
import { PageHeader, TenantIntro } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { linkClass } from "@/components/ui/styles";
import { getRecoveryEvidenceInputs } from "@/db/queries/evidence-inputs";
import { countRestoreRuns, listRestoreRuns } from "@/db/queries/restore-runs";
import { assessTenant } from "@/lib/recovery/assessment";
import { ATTENTION_STATE_LABELS } from "@/lib/recovery/copy";
import { reasonBanner } from "@/lib/recovery/list-reason";
import { pathWithQuery } from "@/server/auth/viewer";
import { tenantPage } from "@/server/pages/preamble";
import { requestRead } from "@/server/pages/read";
import {
  FILTERED_RUNS_ORDER_NOTE,
  LATEST_RELEVANT_RUN_MARKER,
  LIST_PAGE_GONE,
  PAGE_INTROS,
  RESTORE_RUNS_EMPTY,
  RESTORE_RUNS_FILTER_EMPTY,
  RESTORE_RUN_ORDER_DESCRIPTIONS,
} from "@/lib/recovery/surface-copy";
import type { RawSearchParams } from "@/lib/search-params/cursor";
import { parseRestoreRunsSearchParams, restoreRunsHref } from "@/lib/search-params/restore-runs";

export const metadata: Metadata = { title: "Restore runs" };

/** "42 runs in total" / "10,000+ runs with attention Failed": the count is bounded (COUNT_RESTORE_RUNS_LIMIT). */
function totalText(total: { count: number; capped: boolean }, state: string | null): string {
  const n = `${total.count.toLocaleString("en")}${total.capped ? "+" : ""}`;
  const runs = `${n} run${total.count === 1 && !total.capped ? "" : "s"}`;
  return state ? `${runs} with attention state ${state} (archived runs included).` : `${runs} in total (archived runs included).`;
}

export default async function RestoreRunsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const raw = await searchParams;
  const { tenant } = await tenantPage({ requireRestoreHistory: true, returnTo: pathWithQuery("/restore-runs", raw) });
  if (!tenant) return <NoTenantPage title="Restore runs" />;

  const params = parseRestoreRunsSearchParams(raw);
  const read = await requestRead();
  const now = new Date();
  const [page, inputs, total] = await Promise.all([
    listRestoreRuns({
      tenantId: tenant.tenantId,
      state: params.state,
      sort: params.sort,
      order: params.order,
      cursor: params.cursor,
    }, read.db),
    getRecoveryEvidenceInputs(tenant.tenantId, { db: read.db }),
    countRestoreRuns({ tenantId: tenant.tenantId, state: params.state }, read.db),
  ]);
  if (!inputs) notFound();
  // The tenant's current evidence: the banner is reconciled with it and the latest relevant run comes from it.
  const { evidence } = assessTenant(inputs, { now, canViewRestoreHistory: true });
  const latestId = evidence.latestRelevantRestoreRunId;
  const rows = page.rows.map((row) => toRestoreRunRowView(row, latestId, now));

  const base = { reason: params.reason, state: params.state, sort: params.sort, order: params.order };
  const flip = (o: "asc" | "desc") => (o === "desc" ? "asc" : "desc");
  const sortHrefs = {
    id: restoreRunsHref({ ...base, sort: "id", order: params.sort === "id" ? flip(params.order) : "desc" }),
    // With an attention filter the list is ordered by id only (the index that serves the filter).
    ...(params.state === null
      ? {
          completed_at: restoreRunsHref({
            ...base,
            sort: "completed_at",
            order: params.sort === "completed_at" ? flip(params.order) : "desc",
          }),
        }
      : {}),
  };
  const firstKey = page.rows[0]?.key ?? params.cursor?.key ?? null;
  const lastKey = page.rows[page.rows.length - 1]?.key ?? null;
  const previousHref =
    page.hasPrevious && firstKey ? restoreRunsHref({ ...base, cursor: { direction: "before", key: firstKey } }) : null;
  const nextHref = page.hasNext && lastKey ? restoreRunsHref({ ...base, cursor: { direction: "after", key: lastKey } }) : null;
  const firstHref = page.hasPrevious ? restoreRunsHref(base) : null;
  const clearFilterHref = params.state ? restoreRunsHref({ ...base, state: null }) : null;

  const filterText = params.state ? `, attention state ${ATTENTION_STATE_LABELS[params.state]}` : "";
  const caption = `Restore runs of ${tenant.tenantName}${filterText}, ${RESTORE_RUN_ORDER_DESCRIPTIONS[params.sort][params.order]}`;

  return (
    <>
      <PageHeader title="Restore runs">
        <TenantIntro intro={PAGE_INTROS.restoreRuns} tenantName={tenant.tenantName} />
      </PageHeader>
      <div className="space-y-4">
        <DataAsOf read={read} />
        <ReasonBanner banner={reasonBanner(params.reason, evidence, now)} />
        <p className="text-sm text-slate-800">
          <span className="font-medium">{LATEST_RELEVANT_RUN_MARKER}: </span>
          {latestId === null ? (
            "none recorded."
          ) : (
            <>
              <Link href={`/restore-runs/${latestId}`} className={linkClass}>
                run #{latestId}
              </Link>{" "}
              (marked in the table when it is on this page).
            </>
          )}
        </p>
        <p className="text-sm text-slate-700" id="restore-runs-total">
          {totalText(total, params.state ? ATTENTION_STATE_LABELS[params.state] : null)}
        </p>
        <div className="flex flex-wrap items-end justify-between gap-4">
          <AttentionFilter
            state={params.state}
            sort={params.sort}
            order={params.order}
            reason={params.reason}
            clearHref={clearFilterHref}
          />
          <ExportLinks
            href={`/api/tenants/${tenant.tenantId}/restore-runs/export`}
            label={`Export every restore run of ${tenant.tenantName}`}
          />
        </div>
        {params.state ? <p className="text-sm text-slate-700">{FILTERED_RUNS_ORDER_NOTE}</p> : null}
        {rows.length > 0 ? (
          <RestoreRunsDataTable
            rows={rows}
            sort={params.sort}
            order={params.order}
            sortHrefs={sortHrefs}
            caption={caption}
          />
        ) : params.cursor ? (
          <RestoreRunsEmptyState
            title={LIST_PAGE_GONE.restoreRuns.title}
            body={LIST_PAGE_GONE.restoreRuns.body}
            action={{ label: LIST_PAGE_GONE.firstPage, href: restoreRunsHref(base) }}
          />
        ) : params.state ? (
          <RestoreRunsEmptyState
            title={RESTORE_RUNS_FILTER_EMPTY.title}
            body={RESTORE_RUNS_FILTER_EMPTY.body}
          />
        ) : (
          <RestoreRunsEmptyState
            title={RESTORE_RUNS_EMPTY.title}
            body={RESTORE_RUNS_EMPTY.body}
            action={{ label: "Back to the dashboard", href: "/dashboard" }}
          />
        )}
        <Pagination label="Restore run pages" previousHref={previousHref} nextHref={nextHref} firstHref={firstHref} />
      </div>
    </>
  );
}
