import { REASON_BANNERS, VIEWER_RESTORE_HISTORY_HELPER_TEXT } from "../lib/recovery/copy";
import { expect, scenarios, test } from "./fixtures";
import { DashboardPage, unnegatedVerdicts } from "./pages/dashboard-page";

test.describe("dashboard per overview state", () => {
  test("no_recent_issues_visible: says only that, keeps the boundary, and opens the list with its banner", async ({ asOwner: page }) => {
    const d = await new DashboardPage(page).open(scenarios.clean.name);
    await expect(d.recoveryEvidence.getByText("No recent restore issues are visible", { exact: true })).toBeVisible();
    await expect(d.recoveryEvidence).toContainText("not proof that the tenant can be recovered");
    await expect(d.recoveryEvidence).toContainText(`run #${scenarios.clean.ids.run}`);
    await expect(d.needsAttention.getByText("Nothing listed")).toBeVisible();
    await expect(d.needsAttention.locator("p").filter({ hasText: /./ }).last()).not.toBeEmpty();
    await d.recoveryEvidence.getByRole("link", { name: "View restore history" }).click();
    await expect(page).toHaveURL(/\/restore-runs\?recovery_posture_reason=no_recent_issues_visible$/);
    await expect(page.getByRole("region", { name: REASON_BANNERS.no_recent_issues_visible.title })).toBeVisible();
  });

  test("unvalidated: a dry run is not evidence; the action opens restore history with the no_history banner", async ({ asOwner: page }) => {
    const d = await new DashboardPage(page).open(scenarios.neverRestored.name);
    await expect(d.recoveryEvidence.getByText("Recovery confidence is unvalidated", { exact: true })).toBeVisible();
    await expect(d.attentionItems.filter({ hasText: /unvalidated|not yet known/i })).toHaveCount(1);
    await d.recoveryEvidence.getByRole("link", { name: "Open restore history" }).click();
    await expect(page).toHaveURL(/\/restore-runs\?recovery_posture_reason=no_history$/);
    await expect(page.getByRole("region", { name: REASON_BANNERS.no_history.title })).toBeVisible();
  });

  for (const key of ["failed", "partial", "followUp"] as const) {
    test(`weakened by a ${key} run: Needs Attention links the exact run`, async ({ asOwner: page }) => {
      const s = scenarios[key];
      const d = await new DashboardPage(page).open(s.name);
      await expect(d.recoveryEvidence.getByText("Recovery evidence is weakened", { exact: true })).toBeVisible();
      const link = d.needsAttention.getByRole("link", { name: `Review restore run #${s.ids.run}` });
      await expect(link).toHaveAttribute("href", `/restore-runs/${s.ids.run}`);
      await link.click();
      await expect(page.getByRole("heading", { level: 1, name: `Restore run #${s.ids.run}` })).toBeVisible();
    });
  }

  test("a newer dry run does not hide a failed restore", async ({ asOwner: page }) => {
    const d = await new DashboardPage(page).open(scenarios.failed.name);
    await expect(d.recoveryEvidence).toContainText(`run #${scenarios.failed.ids.run}`);
    await expect(d.recoveryEvidence).not.toContainText(`run #${scenarios.failed.ids.dryRun}`);
  });

  test("an archived failed run still weakens, and the action falls back to the list with the failed banner", async ({ asOwner: page }) => {
    const s = scenarios.archivedFailure;
    const d = await new DashboardPage(page).open(s.name);
    await expect(d.recoveryEvidence.getByText("Recovery evidence is weakened", { exact: true })).toBeVisible();
    const link = d.recoveryEvidence.getByRole("link", { name: `Review restore run #${s.ids.run}` });
    await expect(link).toHaveAttribute("href", "/restore-runs?recovery_posture_reason=failed");
    await link.click();
    await expect(page.getByRole("region", { name: REASON_BANNERS.failed.title })).toBeVisible();
  });

  test("backup posture that is not current is listed, and the drillthrough opens the backup set", async ({ asOwner: page }) => {
    const d = await new DashboardPage(page).open(scenarios.stale.name);
    await expect(d.attentionItems.filter({ hasText: /backup/i })).not.toHaveCount(0);
    await d.backupHealth.getByRole("link", { name: "Open latest backup set" }).click();
    await expect(page).toHaveURL(new RegExp(`/backup-sets/${scenarios.stale.ids.backupSet}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`#${scenarios.stale.ids.backupSet}`);
  });

  test("no backup sets at all: absent posture, drillthrough to the backup set list", async ({ asOwner: page }) => {
    const d = await new DashboardPage(page).open(scenarios.noBackups.name);
    await d.backupHealth.getByRole("link", { name: "Open backup sets" }).click();
    await expect(page).toHaveURL(/\/backup-sets$/);
    await expect(page.getByRole("heading", { level: 1, name: "Backup sets" })).toBeVisible();
  });

  test("no element reads as an overall healthy / protected / recoverable verdict", async ({ asOwner: page }) => {
    for (const s of [scenarios.clean, scenarios.neverRestored, scenarios.failed, scenarios.stale]) {
      const d = await new DashboardPage(page).open(s.name);
      await expect(d.needsAttention.getByRole("heading", { level: 2 })).toBeVisible();
      const text = await page.getByRole("main").innerText();
      expect(unnegatedVerdicts(text), s.name).toEqual([]);
    }
  });
});

test.describe("viewer role", () => {
  test("sees the dashboard with the restore action disabled and its helper text", async ({ asViewer: page }) => {
    const d = await new DashboardPage(page).open(scenarios.failed.name);
    const action = d.recoveryEvidence.getByRole("button", { name: `Review restore run #${scenarios.failed.ids.run}` });
    await expect(action).toBeDisabled();
    await expect(action).toHaveAccessibleDescription(VIEWER_RESTORE_HISTORY_HELPER_TEXT);
    await expect(d.recoveryEvidence.getByRole("link", { name: /restore run/i })).toHaveCount(0);
  });

  test("restore pages answer 403 with a clear page; the API answers 403 for the run and a disabled action for evidence", async ({ asViewer: page }) => {
    await new DashboardPage(page).open(scenarios.failed.name);
    for (const path of ["/restore-runs", `/restore-runs/${scenarios.failed.ids.run}`]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "Restore history is not available to your role" })).toBeVisible();
    }
    const run = await page.request.get(`/api/restore-runs/${scenarios.failed.ids.run}`);
    expect(run.status()).toBe(403);
    const evidence = await (await page.request.get(`/api/tenants/${scenarios.failed.tenantId}/recovery-evidence`)).json();
    expect(evidence.action).toMatchObject({ url: null, disabled: true, helperText: VIEWER_RESTORE_HISTORY_HELPER_TEXT });
  });
});
