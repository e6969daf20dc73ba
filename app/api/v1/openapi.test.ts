/** The OpenAPI document describes exactly the /api/v1 route handlers: every path, every method, nothing more. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/server/ingest/openapi";

const root = path.join(process.cwd(), "app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function routes(dir: string): { path: string; methods: string[] }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routes(full);
    if (e.name !== "route.ts") return [];
    const source = fs.readFileSync(full, "utf8");
    const rel = path.relative(path.join(process.cwd(), "app"), path.dirname(full)).split(path.sep).join("/");
    return [{
      path: `/${rel}`.replace(/\[(\w+)\]/g, "{$1}"),
      methods: METHODS.filter((m) => new RegExp(`export (async )?function ${m}\\b`).test(source)),
    }];
  });
}

describe("OpenAPI document of /api/v1", () => {
  it("has one path per route handler, with exactly its methods", () => {
    const fromRoutes = Object.fromEntries(routes(root).map((r) => [r.path, r.methods.map((m) => m.toLowerCase()).sort()]));
    const fromDoc = Object.fromEntries(Object.entries(openApiDocument.paths).map(([p, ops]) => [p, Object.keys(ops).sort()]));
    expect(fromDoc).toStrictEqual(fromRoutes);
  });

  it("declares every path parameter of every operation", () => {
    for (const [p, ops] of Object.entries(openApiDocument.paths)) {
      const names = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const op of Object.values(ops) as { parameters?: { name: string; in: string }[] }[]) {
        expect((op.parameters ?? []).filter((x) => x.in === "path").map((x) => x.name).sort()).toStrictEqual(names);
      }
    }
  });
});
