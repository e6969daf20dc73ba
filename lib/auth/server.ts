import "server-only";
import { getDb } from "../../db/client";
import { createAuth, type Auth } from "./auth";

const key = Symbol.for("recovery-posture.auth");
const g = globalThis as typeof globalThis & { [key]?: Auth };

/** The process-wide auth instance (created on first use, after the database handle). */
export function getAuth(): Auth {
  g[key] ??= createAuth(getDb());
  return g[key];
}
