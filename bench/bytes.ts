/**
 * What a page weighs (issue 14): the HTML document as served (uncompressed bytes, which include the inline
 * RSC data the browser needs to hydrate: the `self.__next_f.push(…)` scripts), the inline RSC data alone,
 * and the RSC payload of a client-side navigation to the same URL (`RSC: 1`, what a `<Link>` fetches).
 */
import { type Target } from "./targets";

export interface PageBytes {
  /** Targets weighed (the first few of the endpoint's list). */
  samples: number;
  /** Largest document among the samples, in bytes (HTML + inline RSC data). */
  document: number;
  /** Of which inline RSC data (the `<script>self.__next_f.push(…)</script>` tags), largest sample. */
  inlineRsc: number;
  /** RSC payload of a client navigation (`RSC: 1`), largest sample. */
  rscPayload: number;
  /** Rendered restore-run rows ("Run #n" links in the table) of the largest document. */
  rows: number;
  /** Largest document among the samples that show a full page of 25 restore-run rows (0 if none). */
  documentAt25Rows: number;
}

// `<script nonce="…">self.__next_f.push([1,"…"])</script>` (and the first one, which creates the array).
const INLINE_RSC = /<script\b[^>]*>\(?self\.__next_f[\s\S]*?<\/script>/g;

export function inlineRscBytes(html: string): number {
  let n = 0;
  for (const m of html.matchAll(INLINE_RSC)) n += Buffer.byteLength(m[0]);
  return n;
}

export function tableRows(html: string): number {
  // React separates the two text parts of "Run #{id}" with an empty comment.
  return html.match(/>Run #(?:<!-- -->)?\d+</g)?.length ?? 0;
}

export async function pageBytes(base: string, targets: Target[], samples = 5): Promise<PageBytes> {
  const out: PageBytes = { samples: 0, document: 0, inlineRsc: 0, rscPayload: 0, rows: 0, documentAt25Rows: 0 };
  for (const t of targets.slice(0, samples)) {
    const doc = await fetch(base + t.path, { headers: { cookie: t.cookie, accept: "text/html" }, redirect: "manual" });
    const html = await doc.text();
    if (doc.status !== 200) throw new Error(`${t.path} answered ${doc.status} while weighing it`);
    const rsc = await fetch(base + t.path, { headers: { cookie: t.cookie, RSC: "1" } });
    const payload = Buffer.from(await rsc.arrayBuffer());
    if (rsc.status !== 200) throw new Error(`${t.path} (RSC: 1) answered ${rsc.status} while weighing it`);
    const bytes = Buffer.byteLength(html);
    const rows = tableRows(html);
    out.samples++;
    if (bytes > out.document) {
      out.document = bytes;
      out.rows = rows;
    }
    out.inlineRsc = Math.max(out.inlineRsc, inlineRscBytes(html));
    out.rscPayload = Math.max(out.rscPayload, payload.length);
    if (rows === 25) out.documentAt25Rows = Math.max(out.documentAt25Rows, bytes);
  }
  return out;
}
