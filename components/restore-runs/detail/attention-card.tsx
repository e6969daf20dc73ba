import { Badge } from "@/components/ui/badge";
import { Card, ClaimBoundary } from "@/components/ui/card";
import { ATTENTION_STATE_LABELS } from "@/lib/recovery/copy";
import { RECOVERY_CLAIM_BOUNDARY_TEXT } from "@/lib/recovery/surface-copy";
import type { RestoreResultAttention } from "@/lib/recovery/result-attention";

/** §3 for one run: summary, next action and claim boundary, under the attention badge. */
export function AttentionCard({ attention }: { attention: RestoreResultAttention }) {
  return (
    <Card
      id="attention"
      title="Attention"
      badge={
        <Badge tone={attention.tone}>
          <span className="sr-only">Attention state: </span>
          {ATTENTION_STATE_LABELS[attention.state]}
        </Badge>
      }
    >
      <p className="text-base text-slate-900">{attention.summary}</p>
      <p>
        <span className="font-semibold">Next action: </span>
        {attention.primaryNextAction}
      </p>
      <ClaimBoundary>{RECOVERY_CLAIM_BOUNDARY_TEXT[attention.recoveryClaimBoundary]}</ClaimBoundary>
    </Card>
  );
}
