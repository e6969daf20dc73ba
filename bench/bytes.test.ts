import { describe, expect, it } from "vitest";
import { inlineRscBytes, tableRows } from "./bytes";

describe("page weight", () => {
  it("counts the inline RSC scripts (with or without a nonce) and nothing else", () => {
    const a = '<script nonce="abc">(self.__next_f=self.__next_f||[]).push([0])</script>';
    const b = '<script>self.__next_f.push([1,"0:{}"])</script>';
    const html = `<html><head><script src="/x.js" async=""></script></head><body><p>hi</p>${a}${b}</body></html>`;
    expect(inlineRscBytes(html)).toBe(Buffer.byteLength(a) + Buffer.byteLength(b));
    expect(inlineRscBytes("<p>no scripts</p>")).toBe(0);
  });

  it("counts restore-run rows as React renders them and as markup strings do", () => {
    expect(tableRows('<a href="/restore-runs/1">Run #<!-- -->1</a><a href="/restore-runs/2">Run #2</a><a>run #3</a>')).toBe(2);
  });
});
