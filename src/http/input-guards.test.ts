import { describe, expect, it } from "vitest";
import { findBadText, isJsonDeeperThan } from "./input-guards.js";

describe("isJsonDeeperThan", () => {
  it("counts arrays and objects, not brackets inside strings or after escaped quotes", () => {
    expect(isJsonDeeperThan('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(isJsonDeeperThan('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(isJsonDeeperThan(`{"a":"${"[".repeat(1000)}"}`, 1)).toBe(false);
    expect(isJsonDeeperThan(`{"a":"\\"${"[".repeat(10)}\\\\"}`, 1)).toBe(false);
    expect(isJsonDeeperThan(`{"a":"\\\\"}${"[".repeat(3)}`, 2)).toBe(true);
  });

  it("stops at the first level too many, so a megabyte of brackets costs one short scan", () => {
    expect(isJsonDeeperThan("[".repeat(1_000_000), 32)).toBe(true);
  });
});

describe("findBadText", () => {
  it("names the first value or key with a NUL or an unpaired surrogate", () => {
    expect(findBadText({ name: "Ada", answers: { q: ["ok", "b\u0000d"] } }, "body")).toEqual({ path: "body.answers.q.1", message: expect.stringContaining("NUL") });
    expect(findBadText({ answers: { "k\ud800": 1 } }, "body")).toEqual({ path: "body.answers", message: expect.stringContaining("field name") });
    expect(findBadText("\udc00", "params.token")?.path).toBe("params.token");
  });

  it("passes well-formed text, including astral characters written as surrogate pairs", () => {
    expect(findBadText({ name: "Zoë 😀 李", list: [1, null, true, { x: "\ud83d\ude00" }] }, "body")).toBeNull();
    expect(findBadText(undefined, "body")).toBeNull();
  });

  it("walks deep values without recursion", () => {
    let deep: unknown = "bad\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findBadText(deep, "body")?.path.startsWith("body.0.0.0")).toBe(true);
  });
});
