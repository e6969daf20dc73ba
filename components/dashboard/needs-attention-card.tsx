import { Badge } from "@/components/ui/badge";
import { Card, ClaimBoundary } from "@/components/ui/card";
import { NEEDS_ATTENTION_BOUNDARY, NEEDS_ATTENTION_COUNT, NEEDS_ATTENTION_EMPTY } from "@/lib/recovery/surface-copy";
import { EvidenceActionControl } from "./evidence-action";
import type { NeedsAttentionItem } from "@/lib/recovery/needs-attention";

/** §5: what needs the operator's attention, each with its action. Empty still states the boundary. */
export function NeedsAttentionCard({ items }: { items: NeedsAttentionItem[] }) {
  return (
    <Card
      id="needs-attention"
      title="Needs attention"
      badge={
        <Badge tone={items.length ? "warning" : "neutral"}>
          {NEEDS_ATTENTION_COUNT(items.length)}
        </Badge>
      }
    >
      {items.length === 0 ? (
        <ClaimBoundary>{NEEDS_ATTENTION_EMPTY}</ClaimBoundary>
      ) : (
        <>
          <ul className="divide-y divide-slate-200" aria-label="Items needing attention">
            {items.map((item) => (
              <li key={item.kind} className="flex flex-col gap-2 py-3 first:pt-0 sm:flex-row sm:items-start sm:justify-between">
                <div className="space-y-1">
                  <p className="flex flex-wrap items-center gap-2">
                    <Badge tone={item.tone}>{item.source}</Badge>
                    <span className="font-semibold text-slate-900">{item.title}</span>
                  </p>
                  {item.description ? <p>{item.description}</p> : null}
                </div>
                <div className="shrink-0 sm:max-w-xs">
                  {item.action ? <EvidenceActionControl action={item.action} id={`needs-attention-${item.key}`} /> : null}
                </div>
              </li>
            ))}
          </ul>
          <ClaimBoundary>{NEEDS_ATTENTION_BOUNDARY}</ClaimBoundary>
        </>
      )}
    </Card>
  );
}
