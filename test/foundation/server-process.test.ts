// The real `convene serve` process: starts on embedded PGlite (or PostgreSQL),
// prints its URL, refuses a second process on the same data directory, and
// shuts down cleanly on SIGTERM.
import { describe, expect, it } from "vitest";
import { freePort, runConvene, useConveneProcesses, waitFor } from "../support/convene-process.js";
import { describeOnEngines } from "../support/engines.js";

describeOnEngines("convene serve", (engine) => {
  const processes = useConveneProcesses(engine);

  it("serves, refuses a second process on the data directory, and stops on SIGTERM with exit 0", async () => {
    const port = await freePort();
    const env = await processes.env({ PORT: String(port), HOST: "127.0.0.1" });
    const server = processes.run(["serve"], env);
    await waitFor(server, `Convene is running at http://127.0.0.1:${port}`);

    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toEqual({ status: "ready", database: engine });

    if (engine === "pglite") {
      expect(server.output()).toContain("generated CONVENE_SECRET_KEY");
      const second = processes.run(["serve"], { ...env, PORT: String(await freePort()) });
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/Another Convene process \(pid \d+\) is using the data directory/);
    }

    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });
});

describe("convene configuration errors", () => {
  it("stops at once naming the bad variable", async () => {
    const run = runConvene(["serve"], { PORT: "eighty" });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain("Invalid configuration: PORT");
  });

  it("requires CONVENE_SECRET_KEY with DATABASE_URL", async () => {
    const run = runConvene(["migrate"], { DATABASE_URL: "postgres://127.0.0.1:1/none" });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain("CONVENE_SECRET_KEY is required with DATABASE_URL");
  });
});
