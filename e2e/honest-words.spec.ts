import { expect, scenarios, switchTenant, test } from "./fixtures";
import { DashboardPage, unnegatedVerdicts } from "./pages/dashboard-page";

test.describe("clock skew, real causes and in-flight runs on the dashboard", () => {
  test("a future-dated clean restore and backup never buy confidence (spec §9)", async ({ asOwner: page }) => {
    const s = scenarios.clockSkew;
    const d = await new DashboardPage(page).open(s.name);
    await expect(d.backupHealth).toContainText("Latest backup is dated in the future");
    await expect(d.backupHealth).toContainText("Degraded");
    await expect(d.recoveryEvidence).toContainText("Recovery evidence is weakened");
    await expect(d.recoveryEvidence).toContainText("clock skew");
    await expect(d.recoveryEvidence).toContainText("in the future (clock skew)");
    await expect(d.recoveryEvidence).not.toContainText("No recent restore issues are visible");
    await expect(d.recoveryEvidence.getByRole("link", { name: `Review restore run #${s.ids.futureRun}` })).toHaveAttribute(
      "href",
      `/restore-runs/${s.ids.futureRun}`,
    );
    await expect(d.attentionItems).toHaveCount(2);
    // The API says the same.
    const evidence = await (await page.request.get(`/api/tenants/${s.tenantId}/recovery-evidence`)).json();
    expect(evidence).toMatchObject({ overviewState: "weakened", latestRelevantRestoreRunId: s.ids.futureRun, latestRelevantAttentionState: "completed" });
    const health = await (await page.request.get(`/api/tenants/${s.tenantId}/backup-health`)).json();
    expect(health).toMatchObject({ posture: "degraded", primaryReason: "latest_backup_time_in_future", healthyClaimAllowed: false });
    // The future-dated run and set say so on their own pages.
    await page.goto(`/restore-runs/${s.ids.futureRun}`);
    await expect(page.getByRole("region", { name: "Dated in the future (clock skew)" })).toBeVisible();
    await page.goto(`/backup-sets/${s.ids.futureSet}`);
    await expect(page.getByRole("region", { name: "Dated in the future (clock skew)" })).toBeVisible();
  });

  test("an unrecognized status is named, and the run is never called completed", async ({ asOwner: page }) => {
    const s = scenarios.rolledBack;
    const d = await new DashboardPage(page).open(s.name);
    await expect(d.recoveryEvidence).toContainText(`The latest executed restore (run #${s.ids.run}) has the unrecognized status "rolled_back"`);
    for (const region of [d.recoveryEvidence, d.needsAttention]) {
      const text = (await region.innerText()).replaceAll('"rolled_back"', "");
      expect(text).not.toMatch(/\bcompleted\b/i);
    }
  });

  test("a running restore is context, not evidence", async ({ asOwner: page }) => {
    const s = scenarios.inFlight;
    const d = await new DashboardPage(page).open(s.name);
    await expect(d.recoveryEvidence).toContainText("No recent restore issues are visible");
    await expect(d.recoveryEvidence).toContainText(`run #${s.ids.clean}, 40 hours ago`);
    const context = d.recoveryEvidence.locator("#in-flight-context");
    await expect(context).toContainText(`run #${s.ids.running} is running — not evidence yet`);
    await expect(context.getByRole("link", { name: `run #${s.ids.running}` })).toBeVisible();
    await page.goto(`/restore-runs/${s.ids.running}`);
    await expect(page.getByRole("region", { name: "Running — not evidence yet" })).toBeVisible();
    await expect(page.getByRole("main")).not.toContainText("Preview only");
    await page.goto("/restore-runs");
    await expect(page.getByRole("table").getByText("Running — not evidence yet")).toBeVisible();
    // A running backup set never reads "Completed at".
    await page.goto(`/backup-sets/${s.ids.runningSet}`);
    await expect(page.getByRole("region", { name: "Backup set details" })).toContainText("Not finished (running)");
    await expect(page.getByRole("region", { name: "Backup set details" })).not.toContainText("Completed at");
    expect(unnegatedVerdicts(await page.getByRole("main").innerText())).toEqual([]);
  });

  test("a failed backup set reads 'Failed at', never 'Completed at'", async ({ asOwner: page }) => {
    const s = scenarios.clockSkew;
    await switchTenant(page, s.name);
    await page.goto(`/backup-sets/${s.ids.failedSet}`);
    const details = page.getByRole("region", { name: "Backup set details" });
    await expect(details).toContainText("Failed at");
    await expect(details).not.toContainText("Completed at");
    await page.goto("/backup-sets");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: `Backup set #${s.ids.failedSet}`, exact: true }) });
    await expect(row).toContainText("Failed:");
    await expect(row).toContainText("1 hour ago");
  });

  test("an older clean run says which later run is the latest evidence", async ({ asOwner: page }) => {
    const s = scenarios.manyRuns;
    await switchTenant(page, s.name);
    // 911156 completed cleanly; the latest relevant run is 911158 (partial); 911159 is a dry run.
    await page.goto("/restore-runs/911156");
    const notice = page.getByRole("region", { name: "Not the latest executed restore" });
    await expect(notice).toContainText("run #911158");
    await expect(notice.getByRole("link", { name: "Open run #911158" })).toHaveAttribute("href", "/restore-runs/911158");
  });

  test("the list shows its total, and the run detail filters entries with failed ones first", async ({ asOwner: page }) => {
    await switchTenant(page, scenarios.manyRuns.name);
    await page.goto("/restore-runs");
    await expect(page.locator("#restore-runs-total")).toHaveText("60 runs in total (archived runs included).");
    await page.goto("/restore-runs?state=failed");
    await expect(page.locator("#restore-runs-total")).toHaveText("15 runs with attention state Failed (archived runs included).");
    await switchTenant(page, scenarios.partial.name);
    await page.goto(`/restore-runs/${scenarios.partial.ids.run}`);
    const filters = page.getByRole("navigation", { name: "Filter entries by status" });
    await expect(filters.getByRole("link", { name: "All (3)" })).toHaveAttribute("aria-current", "page");
    await filters.getByRole("link", { name: "Failed (1)" }).click();
    await expect(page).toHaveURL(/entries=failed/);
    await expect(page.getByRole("region", { name: "Assignments (1)" }).getByRole("row")).toHaveCount(2);
    await expect(page.getByRole("region", { name: "Items (1)" })).toHaveCount(0);
    await expect(page.getByText("None failed in this group.")).toHaveCount(2);
  });
});

test.describe("375 px", () => {
  test.use({ viewport: { width: 375, height: 800 } });

  test("the list keeps the attention and status columns visible", async ({ asOwner: page }) => {
    await switchTenant(page, scenarios.manyRuns.name);
    await page.goto("/restore-runs");
    for (const name of ["Attention", "Status"]) {
      const box = await page.getByRole("columnheader", { name, exact: true }).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.x + box!.width, `${name} column ends inside the screen`).toBeLessThanOrEqual(375);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("run-detail messages wrap instead of running off the screen", async ({ asOwner: page }) => {
    await switchTenant(page, scenarios.clockSkew.name);
    await page.goto(`/restore-runs/${scenarios.clockSkew.ids.failedRun}`);
    const message = page.getByRole("cell", { name: /Graph API error x+/ });
    const box = await message.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    expect(box!.height).toBeGreaterThan(40); // it wrapped onto several lines
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
