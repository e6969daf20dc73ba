import type { Metadata } from "next";
import { ExportLinks } from "@/components/exports/export-links";
import { AttentionFilter } from "@/components/restore-runs/attention-filter";
import { ReasonBanner } from "@/components/restore-runs/reason-banner";
import { toRestoreRunRowView } from "@/components/restore-runs/row-view";
import { RestoreRunsDataTable } from "@/components/restore-runs/table/data-table";
import { RestoreRunsEmptyState } from "@/components/restore-runs/table/empty-state";
import { NoTenantPage } from "@/components/ui/no-tenant";
import { PageHeader, TenantIntro } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { getLatestRelevantRestoreRun, listRestoreRuns } from "@/db/queries/restore-runs";
import { tenantPage } from "@/server/pages/preamble";
import { ATTENTION_STATE_LABELS } from "@/lib/recovery/copy";
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

export default async function RestoreRunsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const { tenant } = await tenantPage({ requireRestoreHistory: true });
  if (!tenant) return <NoTenantPage title="Restore runs" />;

  const params = parseRestoreRunsSearchParams(await searchParams);
  const [page, latest] = await Promise.all([
    listRestoreRuns({
      tenantId: tenant.tenantId,
      state: params.state,
      sort: params.sort,
      order: params.order,
      cursor: params.cursor,
    }),
    getLatestRelevantRestoreRun(tenant.tenantId),
  ]);
  const latestId = latest?.run.id ?? null;
  const rows = page.rows.map((row) => toRestoreRunRowView(row, latestId));

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
        <ReasonBanner reason={params.reason} />
        <p className="text-sm text-slate-800">
          <span className="font-medium">{LATEST_RELEVANT_RUN_MARKER}: </span>
          {latestId === null ? "none recorded." : `run #${latestId} (marked in the table when it is on this page).`}
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
