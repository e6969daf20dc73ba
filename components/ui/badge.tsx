import type { Tone } from "@/lib/recovery/vocabulary";

export type BadgeTone = Tone | "info";

const TONE_CLASSES: Record<BadgeTone, string> = {
  neutral: "border-slate-300 bg-slate-100 text-slate-800",
  info: "border-blue-200 bg-blue-50 text-blue-900",
  success: "border-emerald-300 bg-emerald-50 text-emerald-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  danger: "border-red-300 bg-red-50 text-red-900",
};

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
      className={`inline-flex items-center ${wrap ? "whitespace-normal sm:whitespace-nowrap" : "whitespace-nowrap"} rounded-full border px-2 py-0.5 text-xs font-medium ${TONE_CLASSES[tone]}`}
    >
      {children}
    </span>
  );
}
