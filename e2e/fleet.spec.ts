import AxeBuilder from "@axe-core/playwright";
import { E2E_PASSWORD, e2eUsers, expect, scenarios, test } from "./fixtures";

test.describe("fleet", () => {
  test("an operator of several tenants lands on /fleet after sign-in; one of one tenant on the dashboard", async ({ page }) => {
    for (const [user, landing] of [["viewer", /\/fleet$/], ["operator", /\/dashboard$/]] as const) {
      await page.context().clearCookies();
      await page.goto("/sign-in");
      await page.getByLabel("Email").fill(e2eUsers[user].email);
      await page.getByLabel("Password").fill(E2E_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(landing);
    }
  });

  test("worst first; a row opens that tenant's dashboard, whose action leads to the failed run", async ({ asOwner: page }) => {
    await page.goto("/fleet");
    await expect(page.getByRole("link", { name: "Fleet" })).toBeVisible();
    const table = page.getByRole("table", { name: /Your tenants, worst first/ });
    const names = (await table.locator("tbody th[scope=row]").allInnerTexts()).map((t) => t.split("\n")[0]!.trim());
    // Critical first (no backups: absent + unvalidated = two items), the outsider never listed.
    expect(names[0]).toBe(scenarios.noBackups.name);
    expect(names).not.toContain(scenarios.outsider.name);
    expect(names.at(-1)).toBe(scenarios.clean.name);
    const summary = page.getByRole("region", { name: `${names.length} tenants` });
    await expect(summary).toContainText("No visible issues:");
    await expect(summary).not.toContainText(/healthy|protected/i);

    await table.getByRole("button", { name: `Open the dashboard of ${scenarios.failed.name}` }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByLabel("Tenant", { exact: true }).locator("option:checked")).toHaveText(scenarios.failed.name);
    await page.locator("#recovery-evidence").getByRole("link", { name: `Review restore run #${scenarios.failed.ids.run}` }).click();
    await expect(page).toHaveURL(new RegExp(`/restore-runs/${scenarios.failed.ids.run}$`));
  });

  test("filters: stale evidence, needs attention, name; the stale tenant's dashboard lists its age", async ({ asOwner: page }) => {
    await page.goto("/fleet");
    await page.getByLabel("Stale restore evidence only").check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/stale=1/);
    const table = page.getByRole("table", { name: /Your tenants/ });
    await expect(table.locator("tbody tr")).toHaveCount(1);
    await expect(table.getByText(/Restore evidence is 150 days old/)).toBeVisible();
    await table.getByRole("button", { name: `Open the dashboard of ${scenarios.staleEvidence.name}` }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.locator("#needs-attention").getByText("Restore evidence is 150 days old")).toBeVisible();
    await expect(page.locator("#recovery-evidence").getByText("No recent issues visible")).toBeVisible();
    await expect(page.locator("#recovery-evidence")).toContainText("older than this tenant's freshness window");

    await page.goto("/fleet?state=no_recent_issues_visible&attention=1&q=e2e");
    await expect(page.getByRole("table", { name: /Your tenants/ }).locator("tbody th[scope=row]")).toHaveCount(1);
    // Bad values are ignored, never echoed.
    const bad = await page.goto("/fleet?state=%3Cscript%3E&limit=9999&cursor=zz");
    expect(bad?.status()).toBe(200);
    expect(await page.content()).not.toContain("<script>alert");
  });

  test("the Export control downloads the fleet as CSV; the restore-run list has one too", async ({ asOwner: page }) => {
    await page.goto("/fleet?attention=1");
    const exportGroup = page.getByRole("group", { name: "Export every matching tenant" });
    await expect(exportGroup.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", "/api/fleet/export?attention=1&format=csv");
    const [download] = await Promise.all([page.waitForEvent("download"), exportGroup.getByRole("link", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^fleet-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await (await page.request.get("/api/fleet/export?attention=1&format=csv")).text();
    expect(csv.split("\r\n")[0]).toMatch(/^tenantId,name,role,/);
    expect(csv).toContain(scenarios.noBackups.name);
    expect(csv).not.toContain(scenarios.clean.name);

    await page.goto("/dashboard");
    await page.goto("/restore-runs");
    await expect(page.getByRole("group", { name: /Export every restore run of/ }).getByRole("link", { name: "Export JSON" })).toBeVisible();
  });

  test("/fleet has no serious or critical accessibility violations", async ({ asViewer: page }) => {
    await page.goto("/fleet");
    await expect(page.getByRole("table", { name: /Your tenants/ })).toBeVisible();
    // A viewer sees the run id without a link.
    await expect(page.getByRole("link", { name: new RegExp(`Restore run #${scenarios.failed.ids.run}`) })).toHaveCount(0);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });
});
