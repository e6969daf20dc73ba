import type { BadgeTone } from "./badge";

const TONE_CLASSES: Record<BadgeTone, string> = {
  neutral: "border-slate-300 bg-white text-slate-900",
  info: "border-blue-300 bg-blue-50 text-blue-950",
  success: "border-emerald-300 bg-emerald-50 text-emerald-950",
  warning: "border-amber-300 bg-amber-50 text-amber-950",
  danger: "border-red-300 bg-red-50 text-red-950",
};

/**
 * A notice in the page flow. With a title it is a named region (heading level 2 by default);
 * without one it is a plain paragraph block. Never a live region: it is page content, not an alert.
 */
export function Banner({
  id,
  title,
  tone = "info",
  headingLevel = 2,
  children,
}: {
  id: string;
  title?: string;
  tone?: BadgeTone;
  headingLevel?: 2 | 3;
  children: React.ReactNode;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const box = `rounded-lg border px-4 py-3 text-sm ${TONE_CLASSES[tone]}`;
  if (!title) {
    return (
      <div id={id} className={box}>
        {children}
      </div>
    );
  }
  return (
    <section id={id} aria-labelledby={`${id}-title`} className={box}>
      <Heading id={`${id}-title`} className="text-base font-semibold">
        {title}
      </Heading>
      <div className="mt-1 space-y-1">{children}</div>
    </section>
  );
}
