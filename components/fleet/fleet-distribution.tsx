import { ClaimBoundary } from "@/components/ui/card";
import { EVIDENCE_AGE_PATTERNS, OVERVIEW_STATE_PATTERNS, SEVERITY_PATTERNS, patternClass, type Pattern } from "@/components/ui/patterns";
import { EVIDENCE_AGE_TONES, OVERVIEW_STATE_TONES, PICTURE_TONE_COLORS, SEVERITY_TONES } from "@/components/ui/tones";
import { OVERVIEW_STATE_LABELS } from "@/lib/recovery/copy";
import { EVIDENCE_AGE_BUCKETS, OVERVIEW_ORDER, SEVERITY_ORDER, type FleetDistribution } from "@/lib/recovery/fleet-distribution";
import { DISTRIBUTION_COPY, EVIDENCE_AGE_LABELS, SEVERITY_DISTRIBUTION_LABELS } from "@/lib/recovery/picture-copy";

interface Segment {
  key: string;
  label: string;
  count: number;
  pattern: Pattern;
  tone: keyof typeof PICTURE_TONE_COLORS;
  /** The filtered fleet, or null where the fleet has no filter for it. */
  href: string | null;
  current: boolean;
}

/** One stacked bar: segments in proportion to their counts, each a link with its words; a legend list beneath. */
function Bar({ id, title, segments, total }: { id: string; title: string; segments: Segment[]; total: number }) {
  const shown = segments.filter((s) => s.count > 0);
  return (
    <div className="space-y-1.5">
      <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        {title}
      </h3>
      <ol aria-labelledby={`${id}-title`} className="flex h-8 w-full gap-0.5">
        {shown.map((s) => {
          const text = DISTRIBUTION_COPY.segment(s.label, s.count, total);
          const className = `distribution-segment block h-full rounded-[2px] ${PICTURE_TONE_COLORS[s.tone]} ${patternClass(s.pattern)}${s.current ? " distribution-current" : ""}`;
          return (
            <li key={s.key} data-segment={s.key} style={{ flexGrow: s.count, flexBasis: 0 }} className="min-w-3">
              {s.href ? (
                // A plain link: no client router prefetch of each filtered fleet (each would assess the whole fleet).
                <a href={s.href} className={className} aria-current={s.current ? "true" : undefined}>
                  <span className="sr-only">{text}</span>
                </a>
              ) : (
                <span tabIndex={0} className={className}>
                  <span className="sr-only">{text}</span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <ul className="legend text-slate-800" aria-label={`${title}: in words`}>
        {segments.map((s) => (
          <li key={s.key}>
            <span aria-hidden="true" className={`swatch ${PICTURE_TONE_COLORS[s.tone]} ${patternClass(s.pattern)}`} />
            {DISTRIBUTION_COPY.segment(s.label, s.count, total)}
            {s.current ? <span className="font-medium">({DISTRIBUTION_COPY.current})</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface DistributionLinks {
  severity: (s: (typeof SEVERITY_ORDER)[number]) => string | null;
  overviewState: (s: (typeof OVERVIEW_ORDER)[number]) => string | null;
  current: { severity?: string; overviewState?: string };
}

/** The fleet distribution (display only): severity, recovery evidence state, evidence age. */
export function FleetDistributionView({ distribution: d, links }: { distribution: FleetDistribution; links: DistributionLinks }) {
  return (
    <section aria-labelledby="fleet-distribution-title" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="fleet-distribution-title" className="text-lg font-semibold text-slate-900">
        {DISTRIBUTION_COPY.title}
      </h2>
      <p className="text-sm text-slate-700">{DISTRIBUTION_COPY.intro(d.total)}</p>
      <Bar
        id="distribution-severity"
        title={DISTRIBUTION_COPY.severity}
        total={d.total}
        segments={SEVERITY_ORDER.map((s) => ({
          key: s, label: SEVERITY_DISTRIBUTION_LABELS[s], count: d.severity[s], pattern: SEVERITY_PATTERNS[s], tone: SEVERITY_TONES[s],
          href: links.severity(s), current: links.current.severity === s,
        }))}
      />
      <Bar
        id="distribution-overview"
        title={DISTRIBUTION_COPY.overview}
        total={d.total}
        segments={OVERVIEW_ORDER.map((s) => ({
          key: s, label: OVERVIEW_STATE_LABELS[s], count: d.overviewState[s], pattern: OVERVIEW_STATE_PATTERNS[s], tone: OVERVIEW_STATE_TONES[s],
          href: links.overviewState(s), current: links.current.overviewState === s,
        }))}
      />
      <Bar
        id="distribution-age"
        title={DISTRIBUTION_COPY.evidenceAge}
        total={d.total}
        segments={EVIDENCE_AGE_BUCKETS.map((b) => ({
          key: b, label: EVIDENCE_AGE_LABELS[b], count: d.evidenceAge[b], pattern: EVIDENCE_AGE_PATTERNS[b], tone: EVIDENCE_AGE_TONES[b],
          href: null, current: false,
        }))}
      />
      <ClaimBoundary>{DISTRIBUTION_COPY.boundary}</ClaimBoundary>
    </section>
  );
}
