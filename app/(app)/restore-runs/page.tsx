import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { ExportLinks } from "@/components/exports/export-links";
import { AttentionFilter } from "@/components/restore-runs/attention-filter";
import { ReasonBanner } from "@/components/restore-runs/reason-banner";
import { toRestoreRunRowView } from "@/components/restore-runs/row-view";
import { RestoreRunsDataTable } from "@/components/restore-runs/table/data-table";
import { RestoreRunsEmptyState } from "@/components/restore-runs/table/empty-state";
import { NoTenant } from "@/components/ui/no-tenant";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { getLatestRelevantRestoreRun } from "@/db/queries/recovery-evidence";
import { listRestoreRuns } from "@/db/queries/restore-run-list";
import { getViewer, mayViewRestoreHistory } from "@/server/auth/viewer";
import {
  ATTENTION_STATE_LABELS,
  LATEST_RELEVANT_RUN_MARKER,
  RESTORE_RUNS_EMPTY,
  RESTORE_RUNS_FILTER_EMPTY,
} from "@/lib/recovery/copy";
import type { RawSearchParams } from "../cursor";
import { parseRestoreRunsSearchParams, restoreRunsHref, type RestoreRunsParams } from "./search-params";

export const metadata: Metadata = { title: "Restore runs" };

const ORDER_DESCRIPTIONS: Record<RestoreRunsParams["sort"], Record<"asc" | "desc", string>> = {
  id: { desc: "newest run first", asc: "oldest run first" },
  completed_at: {
    desc: "latest completion first, runs not completed last",
    asc: "runs not completed first, then earliest completion",
  },
};

export default async function RestoreRunsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  const tenant = viewer.currentTenant;
  if (!tenant) {
    return (
      <>
        <PageHeader title="Restore runs" />
        <NoTenant />
      </>
    );
  }
  if (!mayViewRestoreHistory(tenant)) forbidden();

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
  const caption = `Restore runs of ${tenant.tenantName}${filterText}, ${ORDER_DESCRIPTIONS[params.sort][params.order]}`;

  return (
    <>
      <PageHeader title="Restore runs">
        Every restore run recorded for <strong className="font-semibold">{tenant.tenantName}</strong>, archived runs
        included. Attention is worked out from each run&apos;s own results.
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
        {params.state ? <p className="text-sm text-slate-700">Filtered runs are ordered by run id.</p> : null}
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
            title="This page has no runs"
            body="The runs that were on this page may have changed since the link was made."
            action={{ label: "Go to the first page", href: restoreRunsHref(base) }}
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
