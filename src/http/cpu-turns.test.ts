import { describe, expect, it } from "vitest";
import { CpuTurns } from "./cpu-turns.js";

const drainMicrotasks = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe("CpuTurns", () => {
  it("runs at most `concurrency` at once, in arrival order", async () => {
    const turns = new CpuTurns(1);
    const order: string[] = [];
    let finishFirst!: () => void;
    const first = turns.run(() => new Promise<void>((resolve) => (finishFirst = () => (order.push("first"), resolve()))));
    const second = turns.run(async () => void order.push("second"));
    const third = turns.run(async () => void order.push("third"));
    await drainMicrotasks();
    expect(order).toEqual([]);
    expect(turns.waitingCount).toBe(2);
    finishFirst();
    await Promise.all([first, second, third]);
    expect(order).toEqual(["first", "second", "third"]);
  });

  it("lets callbacks already queued on the event loop run before the next waiting turn", async () => {
    const turns = new CpuTurns(1);
    const order: string[] = [];
    const first = turns.run(async () => {
      order.push("first");
      setImmediate(() => order.push("queued while first ran")); // stands for a request that arrived meanwhile
    });
    const second = turns.run(async () => void order.push("second"));
    await first;
    await drainMicrotasks();
    // A handover through microtasks would already have run "second" here, ahead of the queued callback.
    expect(order).toEqual(["first"]);
    await second;
    expect(order).toEqual(["first", "queued while first ran", "second"]);
  });

  it("passes errors through and frees the turn", async () => {
    const turns = new CpuTurns(1);
    await expect(turns.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(turns.run(async () => 42)).resolves.toBe(42);
  });
});
