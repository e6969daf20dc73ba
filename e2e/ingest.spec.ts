import { WebhookReceiver } from "../test/webhook-receiver";
import { expect, scenarios, signInAs, switchTenant, test } from "./fixtures";

/**
 * Live evidence through the real server: an owner creates an ingest key and a webhook endpoint on the
 * settings page (each secret shown once), backup tooling writes a run through the API, the dashboard
 * shows the new evidence, a local receiver gets the signed event, and the delivery is listed.
 */
const live = scenarios.liveIngest;

test.describe("settings and live ingest", () => {
  test.describe.configure({ mode: "serial" });

  test("an owner creates a key and an endpoint, a write arrives as evidence and as a signed event", async ({ asOwner: page }) => {
    const receiver = new WebhookReceiver();
    const url = await receiver.start();
    try {
      await switchTenant(page, live.name);
      await page.goto("/settings");
      await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

      await page.getByLabel("Key name").fill("backup tooling");
      await page.getByRole("button", { name: "Create API key" }).click();
      const key = (await page.getByLabel("New API key").textContent())!.trim();
      expect(key).toMatch(/^rpk_/);

      await page.getByLabel("Endpoint URL").fill(url);
      await page.getByRole("button", { name: "Add endpoint" }).click();
      receiver.secret = (await page.getByLabel("Signing secret").textContent())!.trim();
      expect(receiver.secret).toMatch(/^whsec_/);

      // Shown once: after a reload neither secret is on the page.
      await page.reload();
      await expect(page.getByRole("cell", { name: "backup tooling", exact: true })).toBeVisible();
      expect(await page.content()).not.toContain(key);
      expect(await page.content()).not.toContain(receiver.secret);

      const at = new Date().toISOString();
      const put = await page.request.put(`/api/v1/tenants/${live.tenantId}/restore-runs/${live.ids.firstRun}`, {
        headers: { authorization: `Bearer ${key}` },
        data: { status: "failed", is_dry_run: false, created_at: at, completed_at: at, results: { items: [{ key: "p:1", status: "failed" }] } },
      });
      expect(put.status()).toBe(200);
      const body = await put.json();
      expect(body.attention.state).toBe("failed");
      expect(body.evidence).toMatchObject({ overviewState: "weakened", latestRelevantRestoreRunId: live.ids.firstRun });

      await receiver.until(() => receiver.ids().size >= 1, 15_000);
      const event = receiver.received.find((r) => r.answered === 204)!;
      expect(event.verified).toBe(true);
      expect(event.body).toMatchObject({ type: "recovery_evidence.changed", data: { tenantId: live.tenantId, current: { overviewState: "weakened" } } });

      await page.goto("/dashboard");
      await expect(page.getByRole("region", { name: "Recovery evidence" })).toContainText("Recovery evidence is weakened");

      await page.goto("/settings");
      const deliveries = page.getByRole("region", { name: "Recent webhook deliveries" });
      await expect(deliveries).toContainText("recovery_evidence.changed");
      await expect(deliveries).toContainText(event.webhookId);
      await expect(deliveries).toContainText("delivered");

      await page.getByRole("button", { name: "Revoke API key backup tooling" }).click();
      await expect(page.getByRole("cell", { name: /Revoked/ }).first()).toBeVisible();
      const refused = await page.request.put(`/api/v1/tenants/${live.tenantId}/restore-runs/${live.ids.firstRun}`, {
        headers: { authorization: `Bearer ${key}` },
        data: { status: "completed", is_dry_run: false, created_at: at },
      });
      expect(refused.status()).toBe(401);
    } finally {
      await receiver.stop();
    }
  });

  test("only owners manage settings; without a session the page sends to sign-in", async ({ page, browser }) => {
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/sign-in$/);
    for (const role of ["operator", "viewer"] as const) {
      const context = await browser.newContext();
      const rolePage = await context.newPage();
      await signInAs(rolePage, role);
      await rolePage.goto("/settings");
      await expect(rolePage.getByRole("status")).toContainText("Only owners");
      await expect(rolePage.getByRole("button", { name: "Create API key" })).toHaveCount(0);
      await context.close();
    }
  });

  test("the server serves the OpenAPI document of /api/v1", async ({ page }) => {
    const doc = await page.request.get("/api/v1/openapi.json");
    expect(doc.status()).toBe(200);
    expect((await doc.json()).openapi).toMatch(/^3\./);
  });
});
