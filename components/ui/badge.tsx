import { TONE_STYLES, type BadgeTone } from "./tones";

/** A short status label. The text carries the meaning; colour only reinforces it. */
export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: React.ReactNode }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${TONE_STYLES[tone].badge}`}
    >
      {children}
    </span>
  );
}
