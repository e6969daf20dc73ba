import { TONE_STYLES, type BadgeTone } from "./tones";

/**
 * The classes of a badge, shared with badgeMarkup: its tone (`.badge-<tone>`, which carries the badge's
 * shape too: app/styles/components.css) and `.badge-wrap`. One class for the common case, since a badge is in a page
 * twice (HTML and inline RSC data) and the fleet table holds ~5 per tenant (issue 14, page weight).
 */
export function badgeClass(tone: BadgeTone, wrap: boolean): string {
  return `${wrap ? "badge-wrap " : ""}${TONE_STYLES[tone].badge}`;
}

/** A short status label. The text carries the meaning; colour only reinforces it. */
export function Badge({
  tone = "neutral",
  wrap = false,
  children,
}: {
  tone?: BadgeTone;
  /** Let a long label wrap on small screens (table cells), instead of widening its column. */
  wrap?: boolean;
  children: React.ReactNode;
}) {
  return (
    <span className={badgeClass(tone, wrap)}>
      {children}
    </span>
  );
}
