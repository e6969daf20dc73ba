/**
 * The restore-run list's reason banner (§5 `recovery_posture_reason`), reconciled with the tenant's
 * current evidence. A reason is list context from a link that may be stale or hand-typed: when it agrees
 * with the current evidence the banner explains it with the current summary (the real cause); when it
 * does not, the banner says what the link meant and what the evidence is now — it never asserts a cause
 * that the current data does not show.
 */
import { REASON_BANNERS } from "./copy";
import { reasonForOverview, type RecoveryEvidenceSummary } from "./evidence-summary";
import type { RecoveryPostureReason } from "./vocabulary";

export type ReasonBannerTone = "info" | "warning" | "danger";

export interface ReasonBannerView {
  title: string;
  paragraphs: string[];
  tone: ReasonBannerTone;
  /** False when the link's reason no longer matches the current evidence. */
  matchesEvidence: boolean;
}

const WEAKENS_TAIL = "It weakens recovery confidence even if it is archived or hidden from this list.";

function toneOf(evidence: RecoveryEvidenceSummary, reason: RecoveryPostureReason): ReasonBannerTone {
  if (evidence.overviewState === "no_recent_issues_visible") return "info";
  return reason === "failed" && evidence.latestRelevantAttentionState === "failed" ? "danger" : "warning";
}

export function reasonBanner(
  reason: RecoveryPostureReason | null,
  evidence: RecoveryEvidenceSummary,
  now: Date,
): ReasonBannerView | null {
  if (reason === null) return null;
  const current = reasonForOverview(evidence, now);
  if (current === reason) {
    const paragraphs =
      reason === "no_history" || reason === "no_recent_issues_visible"
        ? [REASON_BANNERS[reason].body]
        : [`You arrived from the dashboard. ${evidence.summary}`, WEAKENS_TAIL];
    return { title: REASON_BANNERS[reason].title, paragraphs, tone: toneOf(evidence, reason), matchesEvidence: true };
  }
  return {
    title: "This link no longer matches the evidence",
    paragraphs: [
      `The link you followed was made for the case “${REASON_BANNERS[reason].title}”. That is not what this tenant's evidence shows now.`,
      `Now: ${evidence.headline}. ${evidence.summary}`,
    ],
    tone: evidence.overviewState === "no_recent_issues_visible" ? "info" : "warning",
    matchesEvidence: false,
  };
}
