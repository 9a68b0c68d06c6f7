import { describe, expect, it } from "vitest";
import { FREE_FAILURES, pauseAfterFailuresMs, signInWaitMs, SIGN_IN_FAILURE_WINDOW_MS, UNDER_ATTACK_FAILURES } from "./sign-in-throttle.js";

const NOW = 1_800_000_000_000;
const failuresAt = (count: number, lastMs = NOW) => Array.from({ length: count }, (_, i) => lastMs - i * 1_000);

describe("sign-in throttle", () => {
  it("lets a source fail FREE_FAILURES times without waiting", () => {
    expect(signInWaitMs(failuresAt(FREE_FAILURES - 1), FREE_FAILURES - 1, NOW)).toBe(0);
    expect(signInWaitMs(failuresAt(FREE_FAILURES), FREE_FAILURES, NOW)).toBe(30_000);
  });

  it("doubles the pause with each further failure, up to the window", () => {
    const pauses = [0, 1, 2, 3, 4, 5, 6, 10].map((extra) => pauseAfterFailuresMs(FREE_FAILURES + extra, FREE_FAILURES));
    expect(pauses).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, SIGN_IN_FAILURE_WINDOW_MS, SIGN_IN_FAILURE_WINDOW_MS, SIGN_IN_FAILURE_WINDOW_MS]);
  });

  it("counts the pause from the source's last failure, whatever the order given", () => {
    const failures = [...failuresAt(FREE_FAILURES, NOW - 10_000)].reverse();
    expect(signInWaitMs(failures, FREE_FAILURES, NOW)).toBe(20_000);
    expect(signInWaitMs(failures, FREE_FAILURES, NOW + 20_000)).toBe(0);
  });

  it("never holds back a source without failures, even under attack", () => {
    expect(signInWaitMs([], UNDER_ATTACK_FAILURES * 10, NOW)).toBe(0);
  });

  it("under attack, a source waits after its first failure", () => {
    expect(signInWaitMs(failuresAt(1), UNDER_ATTACK_FAILURES - 1, NOW)).toBe(0);
    expect(signInWaitMs(failuresAt(1), UNDER_ATTACK_FAILURES, NOW)).toBe(30_000);
  });
});
