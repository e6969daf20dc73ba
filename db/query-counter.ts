/**
 * Opt-in SQL statement counting. `db/client.ts` passes `queryCountingLogger` to drizzle; it records
 * nothing unless the statement runs inside `countQueries(...)`, so production pays one
 * AsyncLocalStorage lookup per statement and nothing else. Scopes follow async context, so concurrent
 * work (Promise.all inside the scope) is attributed correctly and parallel tests do not mix counts.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "drizzle-orm/logger";

export interface QueryCount {
  count: number;
  /** The SQL text of each statement, in issue order. */
  statements: string[];
  /** The bound parameters of each statement (same order), e.g. to EXPLAIN exactly what ran. */
  parameters: unknown[][];
}

const scope = new AsyncLocalStorage<QueryCount>();

export const queryCountingLogger: Logger = {
  logQuery(query: string, params: unknown[]) {
    const current = scope.getStore();
    if (!current) return;
    current.count += 1;
    current.statements.push(query);
    current.parameters.push(params);
  },
};

/** Runs `work` and reports how many SQL statements drizzle issued inside it (including nested scopes). */
export async function countQueries<T>(work: () => Promise<T>): Promise<{ result: T } & QueryCount> {
  const outer = scope.getStore();
  const mine: QueryCount = { count: 0, statements: [], parameters: [] };
  const result = await scope.run(mine, work);
  if (outer) {
    outer.count += mine.count;
    outer.statements.push(...mine.statements);
    outer.parameters.push(...mine.parameters);
  }
  return { result, ...mine };
}
