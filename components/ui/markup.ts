import { htmlEscape } from "escape-goat";
import { badgeClass } from "./badge";
import { formatDateTime } from "./date-time";
import type { BadgeTone } from "./tones";

/**
 * Markup strings for repeated rows (issue 14, page cost; decision 0019). A table body of 25–90 rows
 * rendered as React elements costs the server more than the rest of its page (each element is rendered,
 * serialized into the RSC data, parsed again and rendered to HTML); the same rows as one string passed to
 * `dangerouslySetInnerHTML` cost a template each. Every interpolated value is escaped (`html` is
 * escape-goat's tagged template: `& < > " '`); only strings built by `html` are joined unescaped.
 * The helpers below produce exactly what their React components render.
 */
export const html = htmlEscape;

/** = <Badge tone wrap>{text}</Badge> */
export function badgeMarkup(tone: BadgeTone, text: string, wrap = false): string {
  return html`<span class="${badgeClass(tone, wrap)}">${text}</span>`;
}

/** = <DateTime value fallback /> (the fixed UTC format; the fallback when there is no valid time). */
export function dateTimeMarkup(value: Date | string | null | undefined, fallback = "—"): string {
  const text = formatDateTime(value);
  if (text === null) return html`<span>${fallback}</span>`;
  const iso = (value instanceof Date ? value : new Date(value as string)).toISOString();
  return html`<time dateTime="${iso}" class="whitespace-nowrap">${text}</time>`;
}
