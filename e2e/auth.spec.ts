import { E2E_PASSWORD, e2eUsers, expect, scenarios, signInAs, switchTenant, test } from "./fixtures";

test.describe("sign-in", () => {
  test("a visitor is sent to sign-in, and an operator signs in through the form", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.getByLabel("Email").fill(e2eUsers.operator.email);
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByLabel("Tenant", { exact: true }).locator("option:checked")).toHaveText(scenarios.failed.name);
  });

  test("wrong password and unknown account get the same generic message", async ({ page }) => {
    await page.goto("/sign-in");
    const messages: string[] = [];
    for (const email of [e2eUsers.operator.email, "nobody@example.com"]) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill("wrong-password");
      const [response] = await Promise.all([
        page.waitForResponse("**/api/auth/sign-in/email"),
        page.getByRole("button", { name: "Sign in" }).click(),
      ]);
      expect(response.status()).toBe(401);
      const alert = page.getByRole("main").getByRole("alert");
      await expect(alert).toBeVisible();
      messages.push((await alert.textContent()) ?? "");
    }
    expect(messages[0]).toBe("Invalid email or password.");
    expect(messages[1]).toBe(messages[0]);
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("an operator signs out and protected pages send them back to sign-in", async ({ page }) => {
    await signInAs(page, "operator");
    await page.goto("/dashboard");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in$/);
    const api = await page.request.get(`/api/tenants/${scenarios.failed.tenantId}/recovery-evidence`);
    expect(api.status()).toBe(401);
    for (const path of ["/api/fleet", "/api/fleet/export?format=csv", `/api/tenants/${scenarios.failed.tenantId}/restore-runs/export`]) {
      expect((await page.request.get(path)).status(), path).toBe(401);
    }
    await page.goto("/fleet");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});

test.describe("tenants", () => {
  test("the Tenant control lists only the operator's tenants and switches the current one", async ({ asViewer: page }) => {
    await page.goto("/dashboard");
    const select = page.getByLabel("Tenant", { exact: true });
    const options = (await select.locator("option").allTextContents()).map((s) => s.trim()).sort();
    expect(options).toEqual([scenarios.clean.name, scenarios.failed.name, scenarios.neverRestored.name].sort());
    await switchTenant(page, scenarios.neverRestored.name);
    await page.reload();
    await expect(select.locator("option:checked")).toHaveText(scenarios.neverRestored.name);
    await switchTenant(page, scenarios.clean.name);
    await page.reload();
    await expect(select.locator("option:checked")).toHaveText(scenarios.clean.name);
  });

  test("a tenant the operator does not belong to does not exist for them", async ({ asOwner: page }) => {
    const outsider = scenarios.outsider;
    for (const path of [
      `/api/tenants/${outsider.tenantId}/recovery-evidence`,
      `/api/tenants/${outsider.tenantId}/backup-health`,
      `/api/restore-runs/${outsider.ids.run}`,
      `/api/tenants/${outsider.tenantId}/restore-runs/export?format=csv`,
    ]) {
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
    for (const path of [`/restore-runs/${outsider.ids.run}`, `/backup-sets/${outsider.ids.backupSet}`]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    }
  });

  test("switching to a foreign tenant by a forged form answers 404 and changes nothing", async ({ asOperator: page }) => {
    await page.goto("/dashboard");
    // Forge the switcher's value to a tenant the operator does not belong to, then submit it.
    await page.getByLabel("Tenant", { exact: true }).evaluate((el, id) => {
      const select = el as HTMLSelectElement;
      const option = document.createElement("option");
      option.value = String(id);
      option.textContent = "forged";
      select.appendChild(option);
      select.value = String(id);
      select.form?.requestSubmit();
    }, scenarios.outsider.tenantId);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await page.goto("/dashboard");
    await expect(page.getByLabel("Tenant", { exact: true }).locator("option:checked")).toHaveText(scenarios.failed.name);
  });
});

test("the tenant search page finds one of the operator's tenants by name and makes it current", async ({ asOwner: page }) => {
  await page.goto("/tenants?q=failed%20rest");
  const list = page.getByRole("list", { name: "Your tenants" });
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await list.getByRole("button", { name: `Make ${scenarios.failed.name} the current tenant` }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByLabel("Tenant", { exact: true }).locator("option:checked")).toHaveText(scenarios.failed.name);
  // Another tenant's name finds nothing, and a LIKE wildcard is taken literally.
  for (const q of [encodeURIComponent(scenarios.outsider.name), "%25"]) {
    await page.goto(`/tenants?q=${q}`);
    await expect(page.getByText("No tenant of yours matches.")).toBeVisible();
  }
});
