/** The production server the benchmark measures: a private snapshot of the build, started and stopped as a process group. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, TMP_DIR } from "./config";
import { log, sleep } from "./util";
import { groupMemory } from "./meters";

export const SNAPSHOT_DIR = path.join(TMP_DIR, "app");

/**
 * A private copy of the production build to serve from. Other work in this tree rebuilds `.next` (tests,
 * e2e) and a server whose `.next` changes under it serves a mix of two builds, so the bench serves a
 * snapshot: `.next` (without its cache), the config, the migrations the server applies at start, and a
 * symlink to node_modules. Returns the snapshot's BUILD_ID.
 */
export function snapshotBuild(): string {
  const buildIdFile = path.join(ROOT, ".next/BUILD_ID");
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = fs.readFileSync(buildIdFile, "utf8").trim();
    fs.rmSync(SNAPSHOT_DIR, { recursive: true, force: true });
    fs.mkdirSync(path.join(SNAPSHOT_DIR, "db"), { recursive: true });
    const cache = path.join(ROOT, ".next/cache");
    fs.cpSync(path.join(ROOT, ".next"), path.join(SNAPSHOT_DIR, ".next"), { recursive: true, filter: (src) => !src.startsWith(cache) });
    fs.cpSync(path.join(ROOT, "db/migrations"), path.join(SNAPSHOT_DIR, "db/migrations"), { recursive: true });
    for (const f of ["package.json", "next.config.mjs"]) fs.copyFileSync(path.join(ROOT, f), path.join(SNAPSHOT_DIR, f));
    // The server's preload (`--require=./server/http-edge-preload.cjs` in config.serverNodeOptions) and what it requires.
    fs.mkdirSync(path.join(SNAPSHOT_DIR, "server"), { recursive: true });
    for (const f of fs.readdirSync(path.join(ROOT, "server")).filter((n) => n.endsWith(".cjs"))) {
      fs.copyFileSync(path.join(ROOT, "server", f), path.join(SNAPSHOT_DIR, "server", f));
    }
    if (fs.existsSync(path.join(ROOT, "public"))) fs.cpSync(path.join(ROOT, "public"), path.join(SNAPSHOT_DIR, "public"), { recursive: true });
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(SNAPSHOT_DIR, "node_modules"), "dir");
    const copied = fs.readFileSync(path.join(SNAPSHOT_DIR, ".next/BUILD_ID"), "utf8").trim();
    const after = fs.readFileSync(buildIdFile, "utf8").trim();
    if (before === copied && copied === after) return copied;
    log("`.next` changed while it was being copied (someone else built); copying again");
  }
  throw new Error("`.next` kept changing while the bench copied it; run the bench when no one else is building");
}

export async function startServer(port: number, databaseUrl: string, nodeOptions: string): Promise<{ child: ChildProcess; pgid: number; logFile: string }> {
  const logFile = path.join(TMP_DIR, `server-${port}.log`);
  const out = fs.openSync(logFile, "w");
  const next = path.join(ROOT, "node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [next, "start", SNAPSHOT_DIR, "-H", "127.0.0.1", "-p", String(port)], {
    cwd: SNAPSHOT_DIR,
    detached: true, // its own process group, so the next-server child is tracked and stopped with it
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      APP_URL: `http://127.0.0.1:${port}`,
      BETTER_AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0005",
      SIGN_IN_ATTEMPTS_PER_MINUTE: "1000",
      NODE_OPTIONS: nodeOptions,
    },
  });
  const pgid = child.pid!;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); see ${logFile}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/ping`);
      if (r.status === 200) return { child, pgid, logFile };
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  stopServer(pgid);
  throw new Error(`the server did not answer /api/ping within 60 s; see ${logFile}`);
}

export function stopServer(pgid: number): Promise<void> {
  try {
    process.kill(-pgid, "SIGTERM");
  } catch {
    return Promise.resolve();
  }
  return (async () => {
    for (let i = 0; i < 50; i++) {
      await sleep(100);
      if (groupMemory(pgid).length === 0) return;
    }
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      /* gone */
    }
  })();
}
