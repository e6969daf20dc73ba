import fs from "node:fs";
import { describeDatabase } from "../../lib/env";
import { closeDb, getDb } from "../client";
import { migrateDb } from "../migrate";
import { DatasetError, importDataset, parseDataset, type ImportSummary } from "./importer";

/** Reads, validates and imports one dataset file. Shared by `db:import` and `db:seed`. */
export async function importFile(
  file: string,
  replace: boolean,
  log = console.error,
  merge = false,
): Promise<ImportSummary> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new DatasetError(null, null, null, `cannot read ${file} as JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const { dataset, warnings } = parseDataset(raw);
  for (const w of warnings.slice(0, 20)) log(`warning: ${w}`);
  if (warnings.length > 20) log(`warning: … and ${warnings.length - 20} more warnings`);

  await migrateDb();
  let last = 0;
  const summary = await importDataset(getDb(), dataset, {
    replace,
    merge,
    onProgress: (array, done, total) => {
      const now = Date.now();
      if (total >= 5_000 && (done === total || now - last > 1_000)) {
        last = now;
        log(`  ${array}: ${done.toLocaleString("en")}/${total.toLocaleString("en")} (${Math.round((done / total) * 100)}%)`);
      }
    },
  });
  return summary;
}

export async function runImportCli(argv: string[]): Promise<number> {
  const args = argv.filter((a) => a !== "--");
  const replace = args.includes("--replace");
  const merge = args.includes("--merge");
  const files = args.filter((a) => !a.startsWith("--"));
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--replace" && a !== "--merge");
  if (files.length !== 1 || unknown.length || (replace && merge)) {
    console.error("Usage: npm run db:import -- <file.json> [--replace | --merge]");
    return 2;
  }
  const started = Date.now();
  try {
    console.error(`Importing ${files[0]} into ${describeDatabase()}${replace ? " (replacing existing data)" : merge ? " (merging: create or replace by id)" : ""}…`);
    const s = await importFile(files[0]!, replace, console.error, merge);
    console.log(
      `Imported ${s.tenants} tenants, ${s.users} users (${s.memberships} memberships), ${s.backup_sets} backup sets, ` +
        `${s.operation_runs} operation runs, ${s.restore_runs} restore runs in ${((Date.now() - started) / 1000).toFixed(1)}s.`,
    );
    return 0;
  } catch (e) {
    if (e instanceof DatasetError) {
      console.error(`Import rejected, nothing was written. ${e.message}`);
    } else {
      console.error(`Import failed, nothing was written: ${e instanceof Error ? e.message : String(e)}`);
    }
    return 1;
  } finally {
    await closeDb();
  }
}
