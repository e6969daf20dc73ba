import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { AttentionCard } from "@/components/restore-runs/detail/attention-card";
import { NonAppliedCard } from "@/components/restore-runs/detail/non-applied-card";
import { RunFactsCard } from "@/components/restore-runs/detail/run-facts-card";
import { RunNotices } from "@/components/restore-runs/detail/run-notices";
import { RunOutcomes } from "@/components/restore-runs/detail/run-outcomes";
import { OtherTenantNotice } from "@/components/layout/other-tenant-notice";
import { DataAsOf } from "@/components/ui/data-as-of";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { getLatestRelevantRestoreRun, getRestoreRunDetail } from "@/db/queries/restore-runs";
import { mayViewRestoreHistory, pathWithQuery } from "@/server/auth/viewer";
import { pageViewer } from "@/server/pages/preamble";
import { requestRead } from "@/server/pages/read";
import { parseId } from "@/lib/errors";
import { isFutureDated } from "@/lib/recovery/age";
import { isRelevantRestoreRun, relevanceTime } from "@/lib/recovery/evidence-summary";
import { resolveResultAttention } from "@/lib/recovery/result-attention";
import { isInFlightStatus } from "@/lib/recovery/vocabulary";
import type { RawSearchParams } from "@/lib/search-params/cursor";
import { parseRunDetailSearchParams, runDetailHref } from "@/lib/search-params/restore-run-detail";
import { parseMetadata, parseResults } from "@/lib/recovery/results";
import { switchTenant } from "../../actions";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const id = parseId((await params).id);
  return { title: id === null ? "Restore run" : `Restore run #${id}` };
}

export default async function RestoreRunPage({ params, searchParams }: { params: Params; searchParams: Promise<RawSearchParams> }) {
  const rawId = (await params).id;
  const raw = await searchParams;
  const viewer = await pageViewer(pathWithQuery(`/restore-runs/${encodeURIComponent(rawId)}`, raw));
  const { entries } = parseRunDetailSearchParams(raw);
  const runId = parseId(rawId);
  if (runId === null) notFound();
  // Only the viewer's tenants are searched: another tenant's run does not exist for them (404).
  const read = await requestRead();
  const detail = await getRestoreRunDetail(runId, viewer.userId, read.db);
  if (!detail) notFound();
  const membership = detail.membership;
  // A role that may not view restore history gets 403 for the run whichever tenant is current (spec §6).
  if (!mayViewRestoreHistory(membership)) forbidden();
  const returnTo = `/restore-runs/${runId}`;
  if (viewer.currentTenant?.tenantId !== membership.tenantId) {
    return (
      <>
        <PageHeader title={`Restore run #${runId}`} />
        <OtherTenantNotice
          record={`restore run #${runId}`}
          recordTenant={{ id: membership.tenantId, name: membership.tenantName }}
          currentTenantName={viewer.currentTenant?.tenantName ?? null}
          returnTo={returnTo}
          canOpenAfterSwitch={mayViewRestoreHistory(membership)}
          action={switchTenant}
        />
      </>
    );
  }

  const { run, operationRun, backupSet } = detail;
  const latest = await getLatestRelevantRestoreRun(run.tenantId, read.db);
  const attention = resolveResultAttention(run, operationRun);
  const results = parseResults(run.results);
  const now = new Date();
  const runTime = relevanceTime(run);
  const inFlight = !run.isDryRun && isInFlightStatus(run.status) ? (run.status as "queued" | "running") : null;
  // A relevant run that is not the latest says which later run is the evidence.
  const laterRunId = latest && latest.run.id !== run.id && isRelevantRestoreRun(run) ? latest.run.id : null;
  const metadata = parseMetadata(run.metadata);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/restore-runs" className={linkClass}>
          All restore runs
        </Link>
      </p>
      <PageHeader title={`Restore run #${run.id}`}>
        Tenant <strong className="font-semibold">{membership?.tenantName}</strong>
      </PageHeader>
      <div className="space-y-4">
        <DataAsOf read={read} />
        <RunNotices
          isDryRun={run.isDryRun}
          archived={run.archivedAt !== null}
          isLatestRelevant={latest?.run.id === run.id}
          laterRunId={laterRunId}
          inFlight={inFlight}
          futureDatedAt={isFutureDated(runTime, now) ? runTime.toISOString() : null}
        />
        <div className="grid gap-4 lg:grid-cols-2">
          <AttentionCard attention={attention} inFlight={inFlight} />
          <RunFactsCard
            run={run}
            operationRun={operationRun}
            backupSet={backupSet}
            tenantName={membership?.tenantName ?? ""}
            scopeBasis={metadata.scopeBasis}
            now={now}
          />
        </div>
        <RunOutcomes
          results={results}
          recorded={run.results !== null && run.results !== undefined}
          filter={entries}
          hrefFor={(f) => runDetailHref(run.id, f)}
        />
        <NonAppliedCard metadata={metadata} />
      </div>
    </>
  );
}
