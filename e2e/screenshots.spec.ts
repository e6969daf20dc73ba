import path from "node:path";
import { expect, scenarios, switchTenant, test } from "./fixtures";

/**
 * The README's pictures. Every run takes them (and checks what they show); with UPDATE_SCREENSHOTS=1
 * they go to docs/screenshots/ to be committed, otherwise to test-results/ so a test run leaves the
 * tree clean.
 */
const dir = process.env.UPDATE_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots";
const shots: [string, string, string][] = [
  ["dashboard-no-recent-issues-visible.png", scenarios.clean.name, "No recent restore issues are visible"],
  ["dashboard-unvalidated.png", scenarios.neverRestored.name, "Recovery confidence is unvalidated"],
  ["dashboard-weakened.png", scenarios.failed.name, "Recovery evidence is weakened"],
];

for (const [file, tenant, headline] of shots) {
  test(`screenshot ${file}`, async ({ asOwner: page }) => {
    await page.setViewportSize({ width: 1280, height: 1000 });
    await switchTenant(page, tenant);
    await page.goto("/dashboard");
    await expect(page.getByRole("region", { name: "Recovery evidence" }).getByText(headline, { exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: "Needs attention" }).getByRole("heading")).toBeVisible();
    await page.screenshot({ path: path.join(dir, file), fullPage: true });
  });
}

test("screenshot restore-runs-with-banner.png", async ({ asOwner: page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await switchTenant(page, scenarios.failed.name);
  await page.goto("/restore-runs?recovery_posture_reason=failed");
  await expect(page.getByRole("table", { name: /^Restore runs of/ })).toBeVisible();
  await page.screenshot({ path: path.join(dir, "restore-runs-with-banner.png"), fullPage: true });
});

for (const width of [1280, 375]) {
  test(`screenshot history-strip-${width}.png`, async ({ asOwner: page }) => {
    await page.setViewportSize({ width, height: 900 });
    await switchTenant(page, scenarios.strip.name);
    await page.goto("/dashboard");
    const region = page.getByRole("region", { name: "Last 90 days" });
    await expect(region.getByRole("list", { name: "Executed restores", exact: true }).getByRole("listitem")).toHaveCount(90);
    await region.screenshot({ path: path.join(dir, `history-strip-${width}.png`) });
  });
}

for (const width of [1280, 375]) {
  test(`screenshot fleet-distribution-${width}.png`, async ({ asOwner: page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/fleet");
    const region = page.getByRole("region", { name: "Your fleet at a glance" });
    await expect(region.getByRole("list", { name: "By recovery evidence", exact: true }).getByRole("link").first()).toBeVisible();
    await region.screenshot({ path: path.join(dir, `fleet-distribution-${width}.png`) });
  });
}
