import { describe, expect, it } from "vitest";
import { parseOptions } from "./config";

describe("bench options", () => {
  it("default to both sizes and personas on port 3200, building and testing first", () => {
    const o = parseOptions([]);
    expect(o.sizes.map((s) => s.name)).toStrictEqual(["10k", "1M"]);
    expect(o.personas).toStrictEqual(["sample", "all"]);
    expect({ port: o.port, duration: o.duration, warmup: o.warmup, build: o.build, tests: o.tests }).toStrictEqual({
      port: 3200,
      duration: 10,
      warmup: 3,
      build: true,
      tests: true,
    });
  });

  it("read --name value and --name=value, and refuse what they cannot run", () => {
    const o = parseOptions(["--", "--sizes", "10k", "--duration=2", "--skip-build", "--label", "a b/c"]);
    expect(o.sizes.map((s) => s.name)).toStrictEqual(["10k"]);
    expect([o.duration, o.build, o.label]).toStrictEqual([2, false, "abc"]);
    expect(() => parseOptions(["--sizes", "5M"])).toThrow(/--sizes/);
    expect(() => parseOptions(["--port", "80"])).toThrow(/--port/);
    expect(() => parseOptions(["--personas", "nobody"])).toThrow(/--personas/);
  });

  it("name the databases after --db-prefix (default rp_bench), and refuse a prefix that is not a database name", () => {
    expect(parseOptions([]).sizes.map((s) => s.database)).toStrictEqual(["rp_bench_small", "rp_bench_large"]);
    expect(parseOptions(["--db-prefix", "rp_pagecost"]).sizes.map((s) => s.database)).toStrictEqual(["rp_pagecost_small", "rp_pagecost_large"]);
    expect(() => parseOptions(["--db-prefix", "rp_x; drop database y"])).toThrow(/--db-prefix/);
    expect(() => parseOptions(["--db-prefix", "postgres"])).toThrow(/--db-prefix/);
  });

  it("pair each page with its own floor measurement only when asked", () => {
    expect(parseOptions([]).pairedFloor).toBe(false);
    expect(parseOptions(["--paired-floor"]).pairedFloor).toBe(true);
  });
});
