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

/** = <Badge tone wrap>{text}</Badge> (a single class needs no quotes). */
export function badgeMarkup(tone: BadgeTone, text: string, wrap = false): string {
  return wrap ? html`<span class="${badgeClass(tone, wrap)}">${text}</span>` : html`<span class=${bare(badgeClass(tone, wrap))}>${text}</span>`;
}

/** = <DateTime value fallback /> (the fixed UTC format; the fallback when there is no valid time). */
export function dateTimeMarkup(value: Date | string | null | undefined, fallback = "—"): string {
  const text = formatDateTime(value);
  if (text === null) return html`<span>${fallback}</span>`;
  const iso = (value instanceof Date ? value : new Date(value as string)).toISOString();
  return html`<time dateTime="${iso}" class="whitespace-nowrap">${text}</time>`;
}

const BARE = /^[A-Za-z0-9_.:/#-]+$/;

/**
 * A value to write as an unquoted attribute (`href=/restore-runs/42`, `data-day=2026-11-30`): only ids,
 * days, ISO instants and paths built from them, which cannot end the attribute or form a character
 * reference. Anything else throws (a programming error), never becomes markup. Quotes cost bytes twice
 * over: in the HTML and, escaped again, in the inline RSC data (issue 14, page weight; decision 0021).
 */
export function bare(value: string | number): string {
  const s = String(value);
  if (!BARE.test(s)) throw new Error(`not a bare attribute value: ${JSON.stringify(s)}`);
  return s;
}

/**
 * = dateTimeMarkup without the per-element class and quotes, for tables that style their `time`
 * elements themselves (`.fleet-table time`, `.runs-table time`).
 */
export function compactTimeMarkup(value: Date | string | null | undefined, fallback = "—"): string {
  const text = formatDateTime(value);
  if (text === null) return html`<span>${fallback}</span>`;
  const iso = (value instanceof Date ? value : new Date(value as string)).toISOString();
  return html`<time datetime=${bare(iso)}>${text}</time>`;
}
