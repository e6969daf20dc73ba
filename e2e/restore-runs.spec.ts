import { REASON_BANNERS, RECOVERY_POSTURE_REASONS } from "../lib/recovery";
import { expect, scenarios, switchTenant, test } from "./fixtures";

const bannerTitles = Object.values(REASON_BANNERS).map((b) => b.title);

test.describe("restore run list", () => {
  test("each recovery_posture_reason shows a banner that never contradicts the current evidence", async ({ asOwner: page }) => {
    await switchTenant(page, scenarios.failed.name);
    for (const reason of RECOVERY_POSTURE_REASONS) {
      const res = await page.goto(`/restore-runs?recovery_posture_reason=${reason}`);
      expect(res?.status()).toBe(200);
      if (reason === "failed") {
        // The reason the dashboard links with for this tenant: explained with the current cause.
        const banner = page.getByRole("region", { name: REASON_BANNERS.failed.title });
        await expect(banner).toContainText(`The latest executed restore (run #${scenarios.failed.ids.run}) failed`);
      } else {
        // A stale or hand-typed reason: says what the link meant and what the evidence is now.
        const banner = page.getByRole("region", { name: "This link no longer matches the evidence" });
        await expect(banner).toContainText(`made for the case “${REASON_BANNERS[reason].title}”`);
        await expect(banner).toContainText("Now: Recovery evidence is weakened.");
        await expect(page.getByRole("region", { name: REASON_BANNERS[reason].title })).toHaveCount(0);
      }
      // The latest relevant run is a link.
      await expect(page.getByRole("link", { name: `run #${scenarios.failed.ids.run}`, exact: true })).toHaveAttribute(
        "href",
        `/restore-runs/${scenarios.failed.ids.run}`,
      );
    }
  });

  const hostile = [
    "unknown",
    "FAILED",
    "failed&recovery_posture_reason=partial",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "no_history%00",
  ];
  for (const value of hostile) {
    test(`an unknown, repeated or hostile reason (${value}) shows no banner and is never echoed`, async ({ asOwner: page }) => {
      await switchTenant(page, scenarios.failed.name);
      let dialogs = 0;
      page.on("dialog", (d) => {
        dialogs++;
        void d.dismiss();
      });
      const res = await page.goto(`/restore-runs?recovery_posture_reason=${value}`);
      expect(res?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: "Restore runs" })).toBeVisible();
      for (const title of [...bannerTitles, "This link no longer matches the evidence"]) {
        await expect(page.getByRole("region", { name: title })).toHaveCount(0);
      }
      const text = await page.locator("body").innerText();
      const decoded = decodeURIComponent(value.split("&")[0]!.replace(/%00/, ""));
      // Markup must never come back as text or as elements (vocabulary words may appear legitimately).
      if (decoded.includes("<")) expect(text).not.toContain(decoded);
      expect(text).not.toMatch(/<script|onerror/i);
      await expect(page.locator("img[src='x']")).toHaveCount(0);
      expect(dialogs).toBe(0);
    });
  }

  test("the latest relevant run is marked, a newer dry run is not", async ({ asOwner: page }) => {
    await switchTenant(page, scenarios.failed.name);
    await page.goto("/restore-runs");
    const table = page.getByRole("table", { name: /^Restore runs of/ });
    const latest = table.getByRole("row").filter({ has: page.getByRole("link", { name: `Run #${scenarios.failed.ids.run}`, exact: true }) });
    await expect(latest.getByText("Latest executed restore")).toBeVisible();
    const dry = table.getByRole("row").filter({ has: page.getByRole("link", { name: `Run #${scenarios.failed.ids.dryRun}`, exact: true }) });
    await expect(dry).toHaveCount(1);
    await expect(dry.getByText("Latest executed restore")).toHaveCount(0);
  });

  test("pages forward and back on the server, kept in the URL", async ({ asOwner: page }) => {
    const s = scenarios.manyRuns;
    await switchTenant(page, s.name);
    await page.goto("/restore-runs");
    const table = page.getByRole("table", { name: /^Restore runs of/ });
    const ids = async () =>
      (await table.getByRole("link", { name: /^Run #\d+$/ }).allTextContents()).map((t) => Number(t.replace(/\D/g, "")));
    const first = await ids();
    expect(first).toHaveLength(25);
    expect(first[0]).toBe(s.ids.newest);
    const nav = page.getByRole("navigation", { name: "Restore run pages" });
    const runLinks = table.getByRole("link", { name: /^Run #\d+$/ });
    const go = async (name: "Next page" | "Previous page") => {
      const before = await runLinks.first().textContent();
      await nav.getByRole("link", { name }).click();
      await expect(runLinks.first()).not.toHaveText(before ?? "");
    };
    await go("Next page");
    await expect(page).toHaveURL(/after=/);
    const second = await ids();
    expect(second).toHaveLength(25);
    expect(Math.max(...second)).toBeLessThan(Math.min(...first));
    await go("Next page");
    const third = await ids();
    expect(third).toHaveLength(10);
    expect(third.at(-1)).toBe(s.ids.oldest);
    await expect(nav.getByRole("link", { name: "Next page" })).toHaveCount(0);
    await go("Previous page");
    await expect(page).toHaveURL(/before=/);
    expect(await ids()).toEqual(second);
  });

  test("filters by attention state on the server", async ({ asOwner: page }) => {
    await switchTenant(page, scenarios.manyRuns.name);
    await page.goto("/restore-runs");
    await page.getByLabel("Attention state").selectOption({ label: "Failed" });
    await page.getByRole("button", { name: "Apply filter" }).click();
    await expect(page).toHaveURL(/state=failed/);
    const badges = page.getByRole("table", { name: /^Restore runs of/ }).getByRole("row");
    await expect(badges).toHaveCount(16); // header + 15 failed runs of 60
  });

  test("a foreign run and malformed ids answer the not-found page", async ({ asOwner: page }) => {
    for (const id of [String(scenarios.outsider.ids.run), "abc", "-1", "1e3", "99999999999999999999", "0"]) {
      const res = await page.goto(`/restore-runs/${id}`);
      expect(res?.status(), id).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    }
  });
});

test.describe("restore run detail", () => {
  test("a dry run carries a preview-only notice", async ({ asOwner: page }) => {
    await switchTenant(page, scenarios.failed.name);
    await page.goto(`/restore-runs/${scenarios.failed.ids.dryRun}`);
    await expect(page.getByRole("region", { name: "Dry run" })).toBeVisible();
  });

  test("an archived run says so and still shows its failure", async ({ asOwner: page }) => {
    await switchTenant(page, scenarios.archivedFailure.name);
    await page.goto(`/restore-runs/${scenarios.archivedFailure.ids.run}`);
    await expect(page.getByRole("region", { name: "Archived run" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Attention" })).toContainText(/failed/i);
  });

  test("outcomes are grouped with counts, and the non-applied list is shown", async ({ asOwner: page }) => {
    await switchTenant(page, scenarios.followUp.name);
    await page.goto(`/restore-runs/${scenarios.followUp.ids.run}`);
    await expect(page.getByRole("heading", { level: 3, name: "Items (1)" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: "Foundations (1)" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Not applied (1)" })).toContainText("policy:7");
  });
});
