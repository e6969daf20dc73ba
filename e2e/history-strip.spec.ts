import AxeBuilder from "@axe-core/playwright";
import path from "node:path";
import type { Locator } from "@playwright/test";
import { expect, scenarios, switchTenant, test } from "./fixtures";
import { utcDayAgo, type StripDayExpectation } from "./fixtures/scenarios";

/**
 * The dashboard's history strip read by a browser: every cell of every row of a tenant with a known
 * day-by-day history (e2e/fixtures/scenarios.ts seedStripHistory), compared with the data.
 */
const strip = scenarios.strip;

// The strip's words, worst first (lib/recovery/picture-copy.ts), written out so the test does not reuse the code it checks.
const ROWS: { name: string; key: keyof StripDayExpectation; order: string[]; none: string; latest: string | null }[] = [
  {
    name: "Backup attempts",
    key: "backups",
    order: ["failed", "completed with errors or failed items", "completed without a completion time (not counted as completed)", "completed"],
    none: "no backup attempts",
    latest: strip.latest.backup,
  },
  {
    name: "Executed restores",
    key: "restores",
    order: ["failed", "partial", "completed with follow-up", "completed"],
    none: "no executed restores",
    latest: strip.latest.restore,
  },
  {
    name: "Dry runs, previews and runs in flight — not recovery evidence",
    key: "notEvidence",
    order: ["dry run", "preview, not executed", "queued or running"],
    none: "no dry runs, previews or runs in flight",
    latest: null,
  },
];
const LATEST = { backups: "latest completed backup", restores: "latest relevant restore run" } as Record<string, string>;

function expectedText(day: string, row: (typeof ROWS)[number]): string {
  const counts = strip.days[day]?.[row.key] ?? {};
  const parts = row.order.filter((l) => (counts[l] ?? 0) > 0).map((l) => `${counts[l]} ${l}`);
  const mark = row.latest === day ? ` (${LATEST[row.key]})` : "";
  return `${day}: ${parts.length ? parts.join(", ") : row.none}${mark}`;
}

function stripRegion(page: import("@playwright/test").Page): Locator {
  return page.getByRole("region", { name: "Last 90 days" });
}

test("every cell of the strip says what the tenant's history holds that day", async ({ asOwner: page }) => {
  await switchTenant(page, strip.name);
  await page.goto("/dashboard");
  const region = stripRegion(page);
  const window = Array.from({ length: 90 }, (_, i) => utcDayAgo(89 - i));
  let marked = 0;
  for (const row of ROWS) {
    const cells = region.getByRole("list", { name: row.name, exact: true }).getByRole("listitem");
    await expect(cells).toHaveCount(90);
    const seen = await cells.evaluateAll((lis) =>
      lis.map((li) => ({
        day: li.getAttribute("data-day"),
        text: li.textContent?.trim(),
        href: li.querySelector("a")?.getAttribute("href") ?? null,
        latest: li.firstElementChild?.classList.contains("strip-latest") ?? false,
      })),
    );
    expect(seen.map((c) => c.day)).toEqual(window);
    expect(seen.map((c) => c.text)).toEqual(window.map((d) => expectedText(d, row)));
    // A day with runs links to one of them; an empty day is a focusable cell without a link.
    for (const c of seen) expect(c.href === null, `${row.name} ${c.day}`).toBe(Object.keys(strip.days[c.day!]?.[row.key] ?? {}).length === 0);
    expect(seen.filter((c) => c.latest).map((c) => c.day)).toEqual(row.latest ? [row.latest] : []);
    marked += seen.filter((c) => c.latest).length;
  }
  expect(marked).toBe(2);
  const restores = region.getByRole("list", { name: "Executed restores", exact: true });
  await expect(restores.locator(`li[data-day="${strip.latest.restore}"] a`)).toHaveAttribute("href", `/restore-runs/${strip.ids.latestRun}`);
  const backups = region.getByRole("list", { name: "Backup attempts", exact: true });
  await expect(backups.locator(`li[data-day="${strip.latest.backup}"] a`)).toHaveAttribute("href", `/backup-sets/${strip.ids.latestBackupSet}`);
  // The text alternative says the same in words, and the boundary is there.
  await expect(region.getByText("Backup attempts, by each day's worst: failed 2 days, completed with errors or failed items 3 days, completed 15 days; none 70 days.")).toBeVisible();
  await expect(region.getByText(/does not prove that a restore would succeed/)).toBeVisible();
});

test("a focused cell shows its text without any script; a viewer sees no restore rows", async ({ asOwner: page, browser }) => {
  await switchTenant(page, strip.name);
  await page.goto("/dashboard");
  const cell = stripRegion(page).getByRole("list", { name: "Executed restores", exact: true }).locator(`li[data-day="${utcDayAgo(6)}"] a`);
  await cell.focus();
  await expect(cell.locator("span")).toBeVisible();
  await expect(cell).toHaveText(`${utcDayAgo(6)}: 1 failed`);
  await page.screenshot({ path: path.join("test-results", "strip-focus.png") });

  const viewerContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const viewer = await viewerContext.newPage();
  const { signInAs } = await import("./fixtures");
  await signInAs(viewer, "viewer");
  await switchTenant(viewer, scenarios.clean.name);
  await viewer.goto("/dashboard");
  const region = stripRegion(viewer);
  await expect(region.getByRole("list", { name: "Backup attempts", exact: true }).getByRole("listitem")).toHaveCount(90);
  await expect(region.getByRole("list", { name: "Executed restores", exact: true })).toHaveCount(0);
  await expect(region.getByText("Restore history is visible to owners and operators only", { exact: false })).toBeVisible();
  await viewerContext.close();
});

test("without JavaScript the strip and its words are in the page as served", async ({ asOwner: page, browser }) => {
  // The tenant switch is a server action (it needs script): switch with scripts on, then read the page without.
  await switchTenant(page, strip.name);
  const noScript = await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled: false });
  await noScript.addCookies(await page.context().cookies());
  const plain = await noScript.newPage();
  await plain.goto("/dashboard");
  const region = stripRegion(plain);
  await expect(region.getByRole("list", { name: "Executed restores", exact: true }).getByRole("listitem")).toHaveCount(90);
  await expect(region.getByRole("list", { name: "Executed restores", exact: true }).locator(`li[data-day="${utcDayAgo(6)}"]`)).toHaveText(`${utcDayAgo(6)}: 1 failed`);
  await expect(region.getByText(/by each day's worst/).first()).toBeVisible();
  await noScript.close();
});

for (const width of [1280, 375]) {
  test(`the strip has no serious or critical axe violations at ${width}px`, async ({ asOwner: page }) => {
    test.slow();
    await page.setViewportSize({ width, height: 900 });
    await switchTenant(page, strip.name);
    await page.goto("/dashboard");
    await expect(stripRegion(page).getByRole("list", { name: "Executed restores", exact: true }).getByRole("listitem")).toHaveCount(90);
    await stripRegion(page).locator("details summary").click();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    const overflow = await page.evaluate(() => ({
      by: document.documentElement.scrollWidth - window.innerWidth,
      wide: [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .slice(0, 5)
        .map((el) => `${el.tagName}.${el.className}`),
    }));
    expect(overflow.by, overflow.wide.join("\n")).toBeLessThanOrEqual(0);
  });
}
