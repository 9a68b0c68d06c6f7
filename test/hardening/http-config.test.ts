// The HTTP boundary's settings (issue 10, items 11 and 21): defaults, and bad values refused at start-up.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";

describe("HTTP boundary configuration", () => {
  it("has safe defaults", () => {
    const config = parseConfig({}, "/srv");
    expect(config).toMatchObject({ requestTimeoutSeconds: 30, maxConnections: 4096, metricsToken: undefined, embedFrameAncestors: "'none'" });
  });

  it("reads the variables", () => {
    const config = parseConfig(
      { REQUEST_TIMEOUT_SECONDS: "5", MAX_CONNECTIONS: "50", METRICS_TOKEN: "a-long-metrics-token", EMBED_FRAME_ANCESTORS: "'self' https://www.example.com" },
      "/srv",
    );
    expect(config).toMatchObject({ requestTimeoutSeconds: 5, maxConnections: 50, metricsToken: "a-long-metrics-token", embedFrameAncestors: "'self' https://www.example.com" });
    // .env files strip quotes: a bare none is 'none'.
    expect(parseConfig({ EMBED_FRAME_ANCESTORS: "none" }, "/srv").embedFrameAncestors).toBe("'none'");
  });

  it.each([
    ["REQUEST_TIMEOUT_SECONDS", "0"],
    ["MAX_CONNECTIONS", "-1"],
    ["METRICS_TOKEN", "short"],
    ["EMBED_FRAME_ANCESTORS", "https://a.example; script-src *"],
    ["EMBED_FRAME_ANCESTORS", "*"],
  ])("refuses %s=%s", (name, value) => {
    expect(() => parseConfig({ [name]: value }, "/srv")).toThrow(name);
  });
});
