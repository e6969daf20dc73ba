import type { Page } from "@playwright/test";
import { E2E_PASSWORD, e2eUsers, expect, scenarios, switchTenant, test } from "./fixtures";

const tenantSelect = (page: Page) => page.getByLabel("Tenant", { exact: true });
/** The tenant the page's own content names (the page header's <strong>), rendered by the page, not the layout. */
const pageTenant = (page: Page) => page.getByRole("main").locator("h1 + div strong").first();

/** The header's tenant control and the page's data name the same tenant. */
async function expectHeaderMatchesPage(page: Page, name: string) {
  await expect(pageTenant(page)).toHaveText(name);
  await expect(tenantSelect(page).locator("option:checked")).toHaveText(name);
  expect(await tenantSelect(page).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe(name);
}

function countServerActions(page: Page): { count: () => number } {
  let n = 0;
  page.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"] !== undefined) n++;
  });
  return { count: () => n };
}

test.describe("tenant switcher", () => {
  test("keyboard browsing through the tenants does not switch; Enter does (WCAG 3.2.2)", async ({ asOwner: page }) => {
    await switchTenant(page, scenarios.failed.name);
    await page.goto("/dashboard");
    const actions = countServerActions(page);
    const select = tenantSelect(page);
    await select.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    const browsedTo = (await select.locator("option:checked").textContent())?.trim();
    expect(browsedTo).not.toBe(scenarios.failed.name);
    // Nothing was submitted, and the page still shows the current tenant.
    expect(actions.count()).toBe(0);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(pageTenant(page)).toHaveText(scenarios.failed.name);
    // An explicit choice: Enter on the control.
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined),
      page.keyboard.press("Enter"),
    ]);
    await expectHeaderMatchesPage(page, browsedTo!);
    expect(actions.count()).toBe(1);
  });

  test("switching keeps the operator on the same kind of page", async ({ asOwner: page }) => {
    await switchTenant(page, scenarios.failed.name);
    await page.goto("/restore-runs?recovery_posture_reason=failed");
    await tenantSelect(page).selectOption({ label: scenarios.manyRuns.name });
    await page.getByRole("banner").getByRole("button", { name: "Switch", exact: true }).click();
    await expect(page).toHaveURL(/\/restore-runs$/);
    await expectHeaderMatchesPage(page, scenarios.manyRuns.name);
    await page.goto("/backup-sets");
    await tenantSelect(page).selectOption({ label: scenarios.clean.name });
    await page.getByRole("banner").getByRole("button", { name: "Switch", exact: true }).click();
    await expect(page).toHaveURL(/\/backup-sets$/);
    await expectHeaderMatchesPage(page, scenarios.clean.name);
  });

  test("Back and Forward never show a header and data of different tenants", async ({ asOwner: page }) => {
    await switchTenant(page, scenarios.failed.name);
    // History: /backup-sets, /dashboard (by a client-side link), /restore-runs, all of tenant A.
    await page.goto("/backup-sets");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto("/restore-runs");
    await expectHeaderMatchesPage(page, scenarios.failed.name);
    // Switch to B on the list; then walk the history both ways.
    await tenantSelect(page).selectOption({ label: scenarios.partial.name });
    await page.getByRole("banner").getByRole("button", { name: "Switch", exact: true }).click();
    await expectHeaderMatchesPage(page, scenarios.partial.name);
    const seen: string[] = [];
    for (const move of ["back", "back", "forward", "forward"] as const) {
      const before = page.url();
      await (move === "back" ? page.goBack() : page.goForward());
      await expect(page).not.toHaveURL(before);
      const shown = (await pageTenant(page).textContent())?.trim();
      await expectHeaderMatchesPage(page, shown!);
      seen.push(`${move} ${new URL(page.url()).pathname} ${shown}`);
    }
    expect(seen).toHaveLength(4);
    // A chosen-but-not-applied value is not restored by the browser either.
    await tenantSelect(page).selectOption({ label: scenarios.clean.name });
    await page.goto("/backup-sets");
    await page.goBack();
    const shown = (await pageTenant(page).textContent())?.trim();
    await expectHeaderMatchesPage(page, shown!);
  });

  test("a run of another member tenant, opened by URL, states its tenant and offers to switch", async ({ asOwner: page }) => {
    await switchTenant(page, scenarios.clean.name);
    const s = scenarios.failed;
    await page.goto(`/restore-runs/${s.ids.run}`);
    const notice = page.getByRole("region", { name: `This restore run #${s.ids.run} belongs to ${s.name}` });
    await expect(notice).toBeVisible();
    // None of the run's data is shown under the other tenant's header.
    await expect(page.getByRole("region", { name: "Attention" })).toHaveCount(0);
    await notice.getByRole("button", { name: `Switch to ${s.name} and open this restore run` }).click();
    await expect(page).toHaveURL(new RegExp(`/restore-runs/${s.ids.run}$`));
    await expect(page.getByRole("region", { name: "Attention" })).toContainText(/failed/i);
    await expect(tenantSelect(page).locator("option:checked")).toHaveText(s.name);
    await expect(page.getByRole("region", { name: "Run details" })).toContainText(s.name);
  });

  test("a backup set of another member tenant, opened by URL, offers to switch too", async ({ asOwner: page }) => {
    await switchTenant(page, scenarios.clean.name);
    const s = scenarios.stale;
    await page.goto(`/backup-sets/${s.ids.backupSet}`);
    const notice = page.getByRole("region", { name: `This backup set #${s.ids.backupSet} belongs to ${s.name}` });
    await notice.getByRole("button", { name: `Switch to ${s.name} and open this backup set` }).click();
    await expect(page).toHaveURL(new RegExp(`/backup-sets/${s.ids.backupSet}$`));
    await expect(page.getByRole("region", { name: "Backup set details" })).toContainText(s.name);
  });

  test("a viewer's navigation does not offer restore history; aria-current marks the page", async ({ asViewer: page }) => {
    await page.goto("/dashboard");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Restore runs" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: "Backup sets" })).not.toHaveAttribute("aria-current", /.*/);
  });
});

test.describe("sign-in returns to the requested page", () => {
  test("a deep link survives sign-in", async ({ page }) => {
    const run = scenarios.failed.ids.run;
    await page.goto(`/restore-runs/${run}?entries=failed`);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(`/restore-runs/${run}?entries=failed`)}$`));
    await page.getByLabel("Email").fill(e2eUsers.operator.email);
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`/restore-runs/${run}\\?entries=failed$`));
    await expect(page.getByRole("heading", { level: 1, name: `Restore run #${run}` })).toBeVisible();
  });

  for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
    test(`never an open redirect (${next})`, async ({ page }) => {
      await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
      await page.getByLabel("Email").fill(e2eUsers.operator.email);
      await page.getByLabel("Password").fill(E2E_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/dashboard$/);
    });
  }
});

test.describe("page furniture", () => {
  test("skip link, favicon, and no caching of tenant pages", async ({ asOwner: page }) => {
    const res = await page.goto("/dashboard");
    expect(res?.headers()["cache-control"]).toMatch(/no-store/);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
    const icon = await page.locator("link[rel='icon']").first().getAttribute("href");
    expect(icon).toBeTruthy();
    expect((await page.request.get(icon!)).status()).toBe(200);
  });
});
