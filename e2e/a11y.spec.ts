import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, scenarios, switchTenant, test } from "./fixtures";

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), label).toEqual([]);
}

for (const width of [1280, 375]) {
  test(`no serious or critical axe violations at ${width}px`, async ({ asOwner: page }) => {
    // Nine pages, three of them dashboards with a 270-cell history strip: axe needs longer than the default.
    test.slow();
    await page.setViewportSize({ width, height: 900 });
    for (const s of [scenarios.failed, scenarios.clean, scenarios.noBackups]) {
      await switchTenant(page, s.name);
      await page.goto("/dashboard");
      await expect(page.getByRole("region", { name: "Needs attention" }).getByRole("heading")).toBeVisible();
      await expectNoSeriousViolations(page, `dashboard ${s.name}`);
    }
    await switchTenant(page, scenarios.failed.name);
    for (const path of [
      "/restore-runs?recovery_posture_reason=failed",
      `/restore-runs/${scenarios.failed.ids.run}`,
      `/restore-runs/${scenarios.followUp.ids.run}`,
      "/backup-sets",
      `/backup-sets/${scenarios.failed.ids.backupSet}`,
      "/restore-runs/999999",
    ]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousViolations(page, path);
    }
    if (width === 375) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
  });
}

test("sign-in and the 403 page have no serious or critical axe violations", async ({ page }) => {
  await page.goto("/sign-in");
  await expectNoSeriousViolations(page, "sign-in");
  const { signInAs } = await import("./fixtures");
  await signInAs(page, "viewer");
  await page.goto("/restore-runs");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, "403");
});

test("the dashboard is keyboard reachable: Tab reaches the tenant control and the evidence action", async ({ asOwner: page }) => {
  await switchTenant(page, scenarios.failed.name);
  await page.goto("/dashboard");
  const reached: string[] = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    reached.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el?.tagName === "SELECT" ? el.id : (el?.innerText?.trim() ?? "");
      }),
    );
  }
  expect(reached).toContain("tenant-switcher");
  expect(reached.some((t) => t.startsWith(`Review restore run #${scenarios.failed.ids.run}`))).toBe(true);
});
