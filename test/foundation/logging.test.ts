// What an operator reads: one readable line per entry on a terminal (or when
// asked), JSON for a collector otherwise, and no line per request unless the
// level is debug — so "Convene is running at …" is not buried.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { createLogger } from "../../src/main.js";
import { useTestApp } from "../support/test-app.js";

function capture(config: Parameters<typeof createLogger>[0]) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      callback();
    },
  });
  return { lines, logger: createLogger(config, stream) };
}

describe("log format", () => {
  it("writes readable lines when asked, JSON otherwise", () => {
    const pretty = capture({ logLevel: "info", logFormat: "pretty" });
    pretty.logger.info({ connectionId: "c1" }, "calendar synced");
    expect(pretty.lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: calendar synced$/);
    expect(pretty.lines.join("\n")).toContain('connectionId: "c1"');
    expect(() => JSON.parse(pretty.lines[0]!)).toThrow();

    for (const logFormat of ["json", "auto"] as const) {
      const json = capture({ logLevel: "info", logFormat });
      json.logger.info({ connectionId: "c1" }, "calendar synced");
      expect(JSON.parse(json.lines[0]!)).toMatchObject({ level: 30, msg: "calendar synced", connectionId: "c1", service: "convene" });
    }
  });

  it("reads LOG_FORMAT, auto by default, and names a bad value", () => {
    expect(parseConfig({}, "/tmp").logFormat).toBe("auto");
    expect(parseConfig({ LOG_FORMAT: "pretty" }, "/tmp").logFormat).toBe("pretty");
    expect(() => parseConfig({ LOG_FORMAT: "xml" }, "/tmp")).toThrow(/LOG_FORMAT/);
  });
});

describe("request logs at info", () => {
  const logs = capture({ logLevel: "info", logFormat: "json" });
  const t = useTestApp("pglite", { logger: logs.logger });

  it("are not written", async () => {
    for (let i = 0; i < 3; i++) expect((await t.app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    expect(logs.lines.filter((line) => line.includes("/healthz"))).toEqual([]);
  });
});

describe("request logs at debug", () => {
  const logs = capture({ logLevel: "debug", logFormat: "json" });
  const t = useTestApp("pglite", { logger: logs.logger });

  it("are one line per request with method, path, status and time", async () => {
    await t.app.inject({ method: "GET", url: "/healthz" });
    await t.app.inject({ method: "GET", url: "/api/v1/nowhere" });
    const requests = logs.lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === "request completed");
    expect(requests.map((entry) => [entry.req.method, entry.req.url, entry.res.statusCode])).toEqual([
      ["GET", "/healthz", 200],
      ["GET", "/api/v1/nowhere", 404],
    ]);
    expect(requests.every((entry) => typeof entry.responseTime === "number" && entry.level === 20)).toBe(true);
  });
});
