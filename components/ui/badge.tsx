import { TONE_STYLES, type BadgeTone } from "./tones";

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
    <span
      // `.badge` / `.badge-wrap`: app/globals.css.
      className={`badge ${wrap ? "badge-wrap " : ""}${TONE_STYLES[tone].badge}`}
    >
      {children}
    </span>
  );
}
