import type { Executor } from "../client";

/**
 * A drizzle prepared statement built once per executor, then executed with placeholders. Building a
 * statement (drizzle's SQL assembly) costs more CPU than its round trip to the database, so the reads
 * that run on every request are built once per process (decision 0008).
 */
export function preparedPerExecutor<P>(build: (db: Executor) => P): (db: Executor) => P {
  const built = new WeakMap<Executor, P>();
  return (db) => {
    let statement = built.get(db);
    if (statement === undefined) built.set(db, (statement = build(db)));
    return statement;
  };
}
