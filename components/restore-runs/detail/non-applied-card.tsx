import { Banner } from "@/components/ui/banner";
import { Card } from "@/components/ui/card";
import { NON_APPLIED_EMPTY, NON_APPLIED_UNREADABLE_NOTICE } from "@/lib/recovery/surface-copy";
import type { ParsedMetadata } from "@/lib/recovery/results";

/** `metadata.non_applied`: work the run lists as not applied, with reasons. */
export function NonAppliedCard({ metadata }: { metadata: ParsedMetadata }) {
  const list = metadata.nonApplied;
  return (
    <Card id="non-applied" title={`Not applied (${list.length})`}>
      {metadata.nonAppliedMalformed ? (
        <Banner id="non-applied-unreadable" tone="warning">
          <p>{NON_APPLIED_UNREADABLE_NOTICE}</p>
        </Banner>
      ) : null}
      {list.length === 0 ? (
        <p>{metadata.nonAppliedMalformed ? NON_APPLIED_EMPTY.unreadable : NON_APPLIED_EMPTY.none}</p>
      ) : (
        <ul className="list-disc space-y-1 pl-5">
          {list.map((entry, i) => (
            <li key={i}>
              <span className="break-words font-mono text-xs">{entry.key ?? "Unnamed entry"}</span>
              {": "}
              {entry.reason ?? "no reason recorded"}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
