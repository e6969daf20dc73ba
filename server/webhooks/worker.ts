/**
 * The webhook worker: delivers due outbox rows (on a poll, and at once when this process's own write
 * nudges it) and sweeps watched tenants for time-driven changes (a backup turning stale, the freshness
 * window passing) every WEBHOOK_SWEEP_MS (≤ 5 min, default 1 min). Runs inside `npm start`
 * (instrumentation-node.ts) unless WEBHOOK_WORKER=off, or alone as `npm run worker`; any number of them
 * may run against one PostgreSQL database.
 */
import { getDb, type Database } from "../../db/client";
import { describeError } from "../../lib/redact";
import { tenantEventState } from "../../db/integrations-schema";
import { deriveChanges, lockEventStates } from "../../db/write/change-outbox";
import { env } from "../../lib/env";
import { deliverDue, type DeliveryOptions } from "./delivery";
import { nudgeWorker, onNudge } from "./nudge";

export interface WorkerOptions extends DeliveryOptions {
  pollMs: number;
  sweepMs: number;
  db?: Database;
  log?: (message: string) => void;
}

export function workerOptionsFromEnv(): WorkerOptions {
  return {
    pollMs: env.WEBHOOK_POLL_MS,
    sweepMs: env.WEBHOOK_SWEEP_MS,
    allowPrivateTargets: env.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
    retryHours: env.WEBHOOK_RETRY_HOURS,
    leaseMs: env.WEBHOOK_LEASE_MS,
  };
}

/** Compares every watched tenant's assessment now with the state last emitted, in one short transaction each. */
export async function sweepTimeDrivenChanges(db: Database, now: Date = new Date()): Promise<number> {
  const watched = await db.select({ tenantId: tenantEventState.tenantId }).from(tenantEventState);
  let events = 0;
  for (const { tenantId } of watched) {
    events += await db.transaction(async (tx) => {
      // A tenant another process is writing or sweeping right now is skipped: that one derives its changes.
      const states = await lockEventStates(tx, [tenantId], true);
      return states.size ? (await deriveChanges(tx, states, now)).events : 0;
    });
  }
  return events;
}

export interface RunningWorker {
  stop: () => Promise<void>;
}

export function startWebhookWorker(opts: WorkerOptions = workerOptionsFromEnv()): RunningWorker {
  // Opened per round, not at start: a database unavailable when the server starts (an embedded directory
  // another process holds, PostgreSQL down) must not stop the server; the next round tries again.
  const dbOf = () => opts.db ?? getDb();
  const log = opts.log ?? ((m: string) => console.error(`[webhooks] ${m}`));
  let stopped = false;
  let busy: Promise<void> | null = null;
  let again = false;

  const deliver = () => {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = (async () => {
      do {
        again = false;
        try {
          const batch = opts.batch ?? 20;
          while (!stopped && (await deliverDue(dbOf(), opts)) === batch);
        } catch (e) {
          log(`delivery round failed: ${describeError(e)}`);
        }
      } while (again && !stopped);
    })().finally(() => {
      busy = null;
    });
  };

  let sweeping: Promise<void> | null = null;
  const sweep = () => {
    if (stopped || sweeping) return;
    sweeping = Promise.resolve()
      .then(() => sweepTimeDrivenChanges(dbOf()))
      .then((n) => {
        if (n > 0) nudgeWorker();
      })
      .catch((e) => log(`sweep failed: ${describeError(e)}`))
      .finally(() => {
        sweeping = null;
      });
  };

  const unsubscribe = onNudge(deliver);
  const pollTimer = setInterval(deliver, opts.pollMs);
  const sweepTimer = setInterval(sweep, opts.sweepMs);
  deliver();
  sweep();
  return {
    stop: async () => {
      stopped = true;
      unsubscribe();
      clearInterval(pollTimer);
      clearInterval(sweepTimer);
      await Promise.allSettled([busy, sweeping]);
    },
  };
}
