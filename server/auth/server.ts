import "server-only";
import { getDb } from "../../db/client";
import { createAuth, type Auth } from "./auth";
import { createSessionReader, type SessionRead } from "./session-read";

const key = Symbol.for("recovery-posture.auth");
const g = globalThis as typeof globalThis & { [key]?: Auth };

/** The process-wide auth instance (created on first use, after the database handle). */
export function getAuth(): Auth {
  g[key] ??= createAuth(getDb());
  return g[key];
}

const readerKey = Symbol.for("recovery-posture.session-reader");
const gr = globalThis as typeof globalThis & { [readerKey]?: (headers: Headers) => Promise<SessionRead> };

/** The process-wide session read path (server/auth/session-read.ts) over the same auth instance. */
export function getSessionReader(): (headers: Headers) => Promise<SessionRead> {
  gr[readerKey] ??= createSessionReader(getAuth(), getDb());
  return gr[readerKey];
}
