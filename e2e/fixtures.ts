import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { E2E_PASSWORD, e2eUsers, scenarios, type E2eUser } from "./fixtures/scenarios";

export { expect, scenarios, e2eUsers, E2E_PASSWORD };

/**
 * Records a secret the tests use (a session token, a key, a password) so the run can prove afterwards
 * that none of them reached a server log (scripts/check-log-secrets.mjs).
 */
export function rememberSecret(value: string): void {
  if (value.length >= 8) fs.appendFileSync(path.resolve(process.env.E2E_SECRETS_FILE ?? ".data/e2e-secrets.txt"), `${value}\n`);
}

/** Signs in through the auth endpoint (the same request a script uses); the page's context keeps the cookie. */
export async function signInAs(page: Page, user: E2eUser): Promise<void> {
  const res = await page.request.post("/api/auth/sign-in/email", {
    data: { email: e2eUsers[user].email, password: E2E_PASSWORD },
  });
  expect(res.status(), `sign-in as ${user}`).toBe(200);
  for (const c of await page.context().cookies()) {
    if (c.name.endsWith("session_token")) {
      rememberSecret(decodeURIComponent(c.value));
      rememberSecret(decodeURIComponent(c.value).split(".")[0]!);
    }
  }
}

/** Makes `tenantName` the session's current tenant through the header's Tenant control (choose, then Switch). */
export async function switchTenant(page: Page, tenantName: string): Promise<void> {
  if (!page.url().includes("/dashboard")) await page.goto("/dashboard");
  const select = page.getByLabel("Tenant", { exact: true });
  if ((await select.locator("option:checked").textContent())?.trim() === tenantName) return;
  await select.selectOption({ label: tenantName });
  // The switch is a server action (a POST carrying a Next-Action header); wait for it to answer.
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined),
    page.getByRole("banner").getByRole("button", { name: "Switch", exact: true }).click(),
  ]);
  await expect(select.locator("option:checked")).toHaveText(tenantName);
}

export const test = base.extend<{ asOwner: Page; asViewer: Page; asOperator: Page }>({
  asOwner: async ({ page }, use) => {
    await signInAs(page, "owner");
    await use(page);
  },
  asViewer: async ({ page }, use) => {
    await signInAs(page, "viewer");
    await use(page);
  },
  asOperator: async ({ page }, use) => {
    await signInAs(page, "operator");
    await use(page);
  },
});
