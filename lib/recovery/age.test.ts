import { describe, expect, it } from "vitest";
import { describeAge, isFutureDated, validTime } from "./age";

const NOW = new Date("2025-06-01T12:00:00.000Z");
const before = (ms: number) => new Date(NOW.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("describeAge", () => {
  it.each([
    ["same instant", before(0), "just now"],
    ["59 seconds", before(59_000), "just now"],
    ["1 minute", before(MIN), "1 minute ago"],
    ["59 minutes", before(59 * MIN + 59_000), "59 minutes ago"],
    ["1 hour", before(HOUR), "1 hour ago"],
    ["3 hours", before(3 * HOUR + 5 * MIN), "3 hours ago"],
    ["23 hours", before(DAY - 1), "23 hours ago"],
    ["24 hours", before(DAY), "24 hours ago"],
    ["40 hours", before(40 * HOUR + 5 * MIN), "40 hours ago"],
    ["47 hours", before(2 * DAY - 1), "47 hours ago"],
    ["2 days", before(2 * DAY + HOUR), "2 days ago"],
    ["3 days", before(3 * DAY + 20 * HOUR), "3 days ago"],
    ["59 days", before(59 * DAY), "59 days ago"],
    ["2 months", before(60 * DAY), "2 months ago"],
    ["1 year", before(365 * DAY), "1 year ago"],
    ["3 years", before(3 * 365 * DAY), "3 years ago"],
    ["30 seconds ahead (tolerated skew)", before(-30_000), "just now"],
    ["exactly 5 minutes ahead (tolerated skew)", before(-5 * MIN), "just now"],
    ["5 minutes and 1 ms ahead", before(-5 * MIN - 1), "in the future (clock skew)"],
    ["2 days ahead", before(-2 * DAY), "in the future (clock skew)"],
    ["invalid date", new Date("nope"), "at an unknown time"],
  ])("%s", (_name, from, expected) => {
    expect(describeAge(from, NOW)).toBe(expected);
  });

  it("uses the injected now, not the clock", () => {
    const from = new Date("2000-01-01T00:00:00.000Z");
    expect(describeAge(from, new Date("2000-01-01T05:00:00.000Z"))).toBe("5 hours ago");
  });
});

describe("validTime", () => {
  it.each([
    [null, null],
    [undefined, null],
    [new Date("garbage"), null],
    [new Date(0), 0],
    [NOW, NOW.getTime()],
  ])("validTime(%s) = %s", (input, expected) => {
    expect(validTime(input)).toBe(expected);
  });
});

describe("isFutureDated (spec §9: more than 5 minutes after now)", () => {
  it.each([
    ["now", before(0), false],
    ["an hour ago", before(HOUR), false],
    ["5 minutes ahead", before(-5 * MIN), false],
    ["5 minutes and 1 ms ahead", before(-5 * MIN - 1), true],
    ["a day ahead", before(-DAY), true],
    ["null", null, false],
    ["unreadable", new Date("nope"), false],
  ])("%s → %s", (_name, date, expected) => {
    expect(isFutureDated(date, NOW)).toBe(expected);
  });

  it("an unreadable now never makes anything future-dated", () => {
    expect(isFutureDated(before(-DAY), new Date("nope"))).toBe(false);
  });
});
