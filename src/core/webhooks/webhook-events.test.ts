import { describe, expect, it } from "vitest";
import { messageIdOf, nextAttemptDelayMs, parseRetryAfterMs, RETRY_DELAYS_MS } from "./webhook-events.js";
import { checkWebhookUrl } from "./webhook-url.js";

describe("webhook retry schedule", () => {
  it("follows the spec's delays with at most ±10 % jitter, then stops", () => {
    RETRY_DELAYS_MS.forEach((delayMs, index) => {
      expect(nextAttemptDelayMs(index + 1, 0, null)).toBe(Math.round(delayMs * 0.9));
      expect(nextAttemptDelayMs(index + 1, 0.999999, null)).toBeLessThanOrEqual(Math.round(delayMs * 1.1));
    });
    expect(nextAttemptDelayMs(RETRY_DELAYS_MS.length + 1, 0.5, null)).toBeNull();
  });

  it("waits at least as long as Retry-After asks, capped at ten hours", () => {
    expect(nextAttemptDelayMs(1, 0.5, 120_000)).toBe(120_000);
    expect(nextAttemptDelayMs(2, 0.5, 1_000)).toBe(300_000);
    expect(nextAttemptDelayMs(1, 0.5, 7 * 86_400_000)).toBe(36_000_000);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const nowMs = Date.parse("2026-11-20T12:00:00Z");
    expect(parseRetryAfterMs("120", nowMs)).toBe(120_000);
    expect(parseRetryAfterMs("Fri, 20 Nov 2026 12:01:00 GMT", nowMs)).toBe(60_000);
    expect(parseRetryAfterMs("soon", nowMs)).toBeNull();
    expect(parseRetryAfterMs(null, nowMs)).toBeNull();
  });

  it("names a message after its delivery, the same every time", () => {
    expect(messageIdOf("0b6a3c1e-0000-4000-8000-000000000001")).toBe("msg_0b6a3c1e000040008000000000000001");
  });
});

describe("webhook URLs", () => {
  it("wants https unless private URLs are allowed, and no credentials", () => {
    expect(checkWebhookUrl("https://hooks.example.com/in", false).hostname).toBe("hooks.example.com");
    expect(() => checkWebhookUrl("http://hooks.example.com/in", false)).toThrow(/https/);
    expect(checkWebhookUrl("http://127.0.0.1:9/in", true).port).toBe("9");
    expect(() => checkWebhookUrl("https://user:pw@hooks.example.com/", false)).toThrow(/credentials/);
    expect(() => checkWebhookUrl("ftp://hooks.example.com/", true)).toThrow(/https/);
    expect(() => checkWebhookUrl("not a url", true)).toThrow(/not a URL/);
  });
});
