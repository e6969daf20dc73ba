import { TONE_STYLES, type BadgeTone } from "./tones";

/** The classes of a badge (`.badge` / `.badge-wrap` and the tone: app/globals.css), shared with badgeMarkup. */
export function badgeClass(tone: BadgeTone, wrap: boolean): string {
  return `badge ${wrap ? "badge-wrap " : ""}${TONE_STYLES[tone].badge}`;
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
