import "server-only";
import { cache } from "react";
import { readHandle } from "../../db/read-handle";

/**
 * The read handle of this page request (db/read-handle.ts), taken once: every read-only query of the
 * page goes through it, and the page shows its `asOf`. Session, membership of the session, tenant switch
 * and writes never use it (they stay on the primary).
 */
export const requestRead = cache(() => readHandle());
