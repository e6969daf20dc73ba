/**
 * The production server's Node options, from package.json `config.serverNodeOptions` — the one place they
 * are set, read by `npm start` (as $npm_package_config_serverNodeOptions) and by every script that starts
 * the production server (demo, end-to-end tests, benchmark), so what is measured is what runs.
 * The heap cap bounds resident memory (issue 5: < 400 MB); V8 otherwise sizes the old generation from the
 * machine's memory and grows lazily. Measured: docs/performance.md, "Memory".
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { config?: { serverNodeOptions?: string } };

export const SERVER_NODE_OPTIONS: string = pkg.config?.serverNodeOptions ?? "";

/** NODE_OPTIONS for a production server process: ours first, so the caller's own options win. */
export function serverNodeOptions(callerOptions = process.env.NODE_OPTIONS ?? ""): string {
  return `${SERVER_NODE_OPTIONS} ${callerOptions}`.trim();
}
