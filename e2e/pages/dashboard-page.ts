import { expect, type Locator, type Page } from "@playwright/test";
import { switchTenant } from "../fixtures";

/** The dashboard as an operator sees it: three named regions, each with its own action. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  async open(tenantName: string): Promise<this> {
    await switchTenant(this.page, tenantName);
    await this.page.goto("/dashboard");
    await expect(this.page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await expect(this.backupHealth.getByRole("heading", { level: 2 })).toBeVisible();
    return this;
  }

  get backupHealth(): Locator {
    return this.page.getByRole("region", { name: "Backup health" });
  }
  get recoveryEvidence(): Locator {
    return this.page.getByRole("region", { name: "Recovery evidence" });
  }
  get needsAttention(): Locator {
    return this.page.getByRole("region", { name: "Needs attention" });
  }
  get attentionItems(): Locator {
    return this.needsAttention.getByRole("list", { name: "Items needing attention" }).getByRole("listitem");
  }
}

/**
 * Overclaim guard: every "healthy", "protected", "recoverable" or "safe" in the text must be negated
 * nearby ("not proof that…", "never proves…"). Returns the offending snippets.
 */
export function unnegatedVerdicts(text: string): string[] {
  const found: string[] = [];
  const re = /\b(healthy|protected|recoverable|safe)\b/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 60), m.index).toLowerCase();
    if (!/\b(not|never|no|cannot|isn't|doesn't|does not)\b/.test(before)) found.push(text.slice(Math.max(0, m.index - 40), m.index + 20));
  }
  return found;
}
