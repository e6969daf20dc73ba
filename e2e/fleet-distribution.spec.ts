import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

/**
 * The fleet distribution on /fleet, read by a browser and compared with the fleet's own rows
 * (GET /api/fleet, the same session and the same assessment): every segment's words, and every
 * severity and state segment's link leads to the fleet filtered to exactly that many tenants.
 */
type Row = { severity: string; overviewState: string; latestRelevantRestoreAt: string | null };
const SEVERITY = { critical: "Critical", high: "High", medium: "Medium", none: "No visible issues" } as Record<string, string>;
const STATE = { weakened: "Weakened", unvalidated: "Unvalidated", no_recent_issues_visible: "No recent issues visible" } as Record<string, string>;
const words = (label: string, n: number, total: number) => `${label}: ${n} tenant${n === 1 ? "" : "s"} (${Math.round((n / total) * 100)}%)`;

test("every segment says what the fleet's rows hold and opens the fleet filtered to it", async ({ asOwner: page }) => {
  const api = await page.request.get("/api/fleet?limit=500");
  expect(api.status()).toBe(200);
  const rows = ((await api.json()) as { tenants: Row[] }).tenants;
  const count = (pick: (r: Row) => string) => rows.reduce<Record<string, number>>((m, r) => ((m[pick(r)] = (m[pick(r)] ?? 0) + 1), m), {});
  const bySeverity = count((r) => r.severity);
  const byState = count((r) => r.overviewState);

  await page.goto("/fleet");
  const region = page.getByRole("region", { name: "Your fleet at a glance" });
  await expect(region).toContainText(`All ${rows.length} of your tenants`);
  for (const [bar, labels, counts, param] of [
    ["By the most severe Needs Attention item", SEVERITY, bySeverity, "severity"],
    ["By recovery evidence", STATE, byState, "state"],
  ] as const) {
    const segments = region.getByRole("list", { name: bar, exact: true }).getByRole("link");
    const expected = Object.keys(labels).filter((k) => (counts[k] ?? 0) > 0);
    await expect(segments).toHaveText(expected.map((k) => words(labels[k]!, counts[k]!, rows.length)));
    for (const [i, key] of expected.entries()) await expect(segments.nth(i)).toHaveAttribute("href", `/fleet?${param}=${key}`);
  }
  // No segment or legend line states a verdict (the boundary sentence denies one, so it is left out here).
  for (const line of await region.getByRole("listitem").allTextContents()) expect(line).not.toMatch(/healthy|protected|recoverable|safe/i);

  // The critical segment opens the fleet filtered to its tenants, and is then marked as the current filter.
  await region.getByRole("list", { name: "By the most severe Needs Attention item", exact: true }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/fleet\?severity=critical$/);
  await expect(page.getByRole("table", { name: /Your tenants/ }).locator("tbody tr")).toHaveCount(bySeverity.critical!);
  await expect(page.getByRole("region", { name: "Your fleet at a glance" }).locator('a[aria-current="true"]')).toHaveText(
    words("Critical", bySeverity.critical!, rows.length),
  );
});

for (const width of [1280, 375]) {
  test(`/fleet with its distribution has no serious or critical axe violations at ${width}px`, async ({ asOwner: page }) => {
    test.slow();
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/fleet");
    await expect(page.getByRole("region", { name: "Your fleet at a glance" })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}
