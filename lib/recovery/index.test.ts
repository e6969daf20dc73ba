import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as recovery from "./index";

const dir = fileURLToPath(new URL(".", import.meta.url));
const domainFiles = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "test-support.ts");

describe("lib/recovery purity (style rule 1)", () => {
  it.each(domainFiles)("%s imports only sibling modules and never reads the clock", (file) => {
    const source = readFileSync(`${dir}/${file}`, "utf8");
    const specifiers = [...source.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
    expect(specifiers.filter((s) => !s?.startsWith("./"))).toEqual([]);
    expect(source).not.toMatch(/Date\.now\(|new Date\(\)/);
  });
});

describe("public API", () => {
  it("re-exports the resolvers and copy", () => {
    for (const name of [
      "resolveBackupHealth",
      "parseResults",
      "parseMetadata",
      "resolveResultAttention",
      "isRelevantRestoreRun",
      "relevanceTime",
      "compareLatestRelevant",
      "resolveRecoveryEvidence",
      "resolveRecoveryEvidenceFromHistory",
      "reasonForOverview",
      "describeAge",
      "REASON_BANNERS",
      "VIEWER_RESTORE_HISTORY_HELPER_TEXT",
      "POSITIVE_CLAIM_BOUNDARY",
      "RESTORE_NON_EXECUTED_STATUSES",
    ]) {
      expect(recovery, name).toHaveProperty(name);
    }
  });
});
