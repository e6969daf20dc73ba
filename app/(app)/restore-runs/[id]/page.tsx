import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { AttentionCard } from "@/components/restore-runs/detail/attention-card";
import { NonAppliedCard } from "@/components/restore-runs/detail/non-applied-card";
import { RunFactsCard } from "@/components/restore-runs/detail/run-facts-card";
import { RunNotices } from "@/components/restore-runs/detail/run-notices";
import { RunOutcomes } from "@/components/restore-runs/detail/run-outcomes";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { getLatestRelevantRestoreRun, getRestoreRunDetail } from "@/db/queries/restore-runs";
import { mayViewRestoreHistory } from "@/server/auth/viewer";
import { pageId, pageViewer } from "@/server/pages/preamble";
import { parseId } from "@/lib/errors";
import { resolveResultAttention } from "@/lib/recovery/result-attention";
import { parseMetadata, parseResults } from "@/lib/recovery/results";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const id = parseId((await params).id);
  return { title: id === null ? "Restore run" : `Restore run #${id}` };
}

export default async function RestoreRunPage({ params }: { params: Params }) {
  const viewer = await pageViewer();
  const runId = await pageId(params);
  // Only the viewer's tenants are searched: another tenant's run does not exist for them (404).
  const detail = await getRestoreRunDetail(runId, viewer.userId);
  if (!detail) notFound();
  const membership = detail.membership;
  if (!mayViewRestoreHistory(membership)) forbidden();

  const { run, operationRun, backupSet } = detail;
  const latest = await getLatestRelevantRestoreRun(run.tenantId);
  const attention = resolveResultAttention(run, operationRun);
  const results = parseResults(run.results);
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
        <RunNotices isDryRun={run.isDryRun} archived={run.archivedAt !== null} isLatestRelevant={latest?.run.id === run.id} />
        <div className="grid gap-4 lg:grid-cols-2">
          <AttentionCard attention={attention} />
          <RunFactsCard
            run={run}
            operationRun={operationRun}
            backupSet={backupSet}
            tenantName={membership?.tenantName ?? ""}
            scopeBasis={metadata.scopeBasis}
          />
        </div>
        <RunOutcomes results={results} recorded={run.results !== null && run.results !== undefined} />
        <NonAppliedCard metadata={metadata} />
      </div>
    </>
  );
}
