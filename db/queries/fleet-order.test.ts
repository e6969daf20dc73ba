/**
 * The fleet's ranking statement pages by `name collate "C"`; the in-memory paths (name search, exports)
 * sort with lib/recovery's compareText. Both databases must order names as compareText does.
 */
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { compareText } from "../../lib/recovery/tenant-order";
import { closeDb, databaseKind, resetTestDb } from "../../test/db";
import { rowsOf } from "../client";

afterAll(() => closeDb());

describe(`names in the fleet's SQL order equal compareText (${databaseKind()})`, () => {
  it("ASCII case, accents, U+FFxx and characters above U+FFFF", async () => {
    const db = await resetTestDb();
    const names = ["\u{1F600} smile", "\uFF5E tilde", "Zeta", "alpha", "Alpha", "a", "\u00E9t\u00E9", "e\u0301", "Z\u{10400}", "Z\uFFFD"];
    const values = sql.join(names.map((n) => sql`(${n})`), sql`, `);
    const rows = rowsOf<{ name: string }>(await db.execute(sql`select name from (values ${values}) as v(name) order by name collate "C"`));
    expect(rows.map((r) => r.name)).toStrictEqual([...names].sort(compareText));
  });
});
