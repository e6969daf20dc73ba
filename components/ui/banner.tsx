import { TONE_STYLES, type BadgeTone } from "./tones";

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
  const box = `rounded-lg border px-4 py-3 text-sm ${TONE_STYLES[tone].banner}`;
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
