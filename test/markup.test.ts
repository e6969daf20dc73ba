/**
 * The markup strings of repeated rows (components/ui/markup.ts, decision 0019) must be exactly what their
 * React components render, and must escape every value they interpolate.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { badgeMarkup, bare, compactTimeMarkup, dateTimeMarkup } from "@/components/ui/markup";
import type { BadgeTone } from "@/components/ui/tones";
import { runRowMarkup } from "@/components/restore-runs/table/columns";
import type { RestoreRunRowView } from "@/components/restore-runs/row-view";

const HOSTILE = `<img src=x onerror="alert('1')"> & co`;

describe("markup strings", () => {
  it("a badge is what <Badge> renders, for every tone, wrapped or not", () => {
    for (const tone of ["neutral", "info", "success", "warning", "danger"] as BadgeTone[]) {
      for (const wrap of [false, true]) {
        // The markup leaves a single class unquoted; otherwise it is exactly React's output.
        const react = renderToStaticMarkup(createElement(Badge, { tone, wrap, children: "Failed & partial" }));
        expect(badgeMarkup(tone, "Failed & partial", wrap)).toBe(wrap ? react : react.replace(/class="([a-z-]+)"/, "class=$1"));
      }
    }
  });

  it("a time is what <DateTime> renders, and its fallback when there is none", () => {
    const at = new Date("2026-11-29T16:18:41.256Z");
    expect(dateTimeMarkup(at)).toBe(renderToStaticMarkup(createElement(DateTime, { value: at })));
    expect(dateTimeMarkup(at.toISOString())).toBe(renderToStaticMarkup(createElement(DateTime, { value: at.toISOString() })));
    expect(dateTimeMarkup(null, "none")).toBe(renderToStaticMarkup(createElement(DateTime, { value: null, fallback: "none" })));
    expect(dateTimeMarkup("not a date", "time unknown")).toBe("<span>time unknown</span>");
  });

  it("a restore-run row escapes what the data holds and never lets it become markup", () => {
    const row: RestoreRunRowView = {
      id: 42,
      backupSet: { id: 7, name: HOSTILE },
      status: `completed"><script>alert(1)</script>`,
      isDryRun: false,
      archived: true,
      attention: { state: "failed", label: "Failed", tone: "danger" },
      completedAt: "2026-11-29T16:18:41.256Z",
      completedAge: "2 days ago",
      operationOutcome: HOSTILE,
      isLatestRelevant: true,
    };
    const html = runRowMarkup(row);
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co");
    expect(html).toContain("<td class=run><a href=/restore-runs/42>Run #42</a>");
    expect(html).toContain(badgeMarkup("info", "Latest executed restore", true));
    expect(html).toContain(badgeMarkup("neutral", "Archived"));
    expect(html).toContain("<td><time datetime=2026-11-29T16:18:41.256Z>2026-11-29 16:18 UTC</time><small>2 days ago</small><td>");
    // Compact on purpose (decision 0021): the optional </td> and </tr> are left out, ids and instants unquoted.
    expect(html.startsWith("<tr class=latest>")).toBe(true);
    expect(html).not.toMatch(/<\/t[dr]>/);
  });

  it("a row without completion, backup set or operation run says so in muted cells", () => {
    const html = runRowMarkup({
      id: 1, backupSet: null, status: "running", isDryRun: true, archived: false,
      attention: { state: "not_executed", label: "Running — not evidence yet", tone: "neutral" },
      completedAt: null, completedAge: null, operationOutcome: null, isLatestRelevant: false,
    });
    expect(html.startsWith("<tr><td")).toBe(true);
    expect(html).toContain("<td class=muted>Not completed<td>");
    expect(html.match(/<td class=muted>None linked/g)).toHaveLength(2);
    expect(html).toContain(`<td>${badgeMarkup("neutral", "Yes")}<td`);
  });

  it("an unquoted attribute value is only ever an id, a day, an instant or a path of them", () => {
    expect(bare(42)).toBe("42");
    expect(bare("2026-11-29")).toBe("2026-11-29");
    expect(bare("/restore-runs/42")).toBe("/restore-runs/42");
    expect(bare("2026-11-29T16:18:41.256Z")).toBe("2026-11-29T16:18:41.256Z");
    for (const bad of ["a b", "x>", `"`, "'", "a=b", "&amp;", "", "x\ty", "/a?b"]) expect(() => bare(bad), bad).toThrow(/not a bare attribute value/);
  });

  it("a compact time carries the same instant and text as <DateTime>, without quotes or a class", () => {
    const at = new Date("2026-11-29T16:18:41.256Z");
    expect(compactTimeMarkup(at)).toBe("<time datetime=2026-11-29T16:18:41.256Z>2026-11-29 16:18 UTC</time>");
    expect(compactTimeMarkup(null, "none")).toBe("<span>none</span>");
    expect(compactTimeMarkup("not a date", "time unknown")).toBe("<span>time unknown</span>");
  });
});
