import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderConfig } from "../../use-cases/ports/calendars.js";
import { createMemoryCalendarServer } from "./memory/memory-calendar-server.js";
import { createCalendarProviderFactory } from "./provider-factory.js";

const limits = { timeoutMs: 5_000, maxBodyBytes: 1_000_000 };
const FEED = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nX-WR-CALNAME:Local\r\nEND:VCALENDAR\r\n";

let server: Server;
let feedUrl = "";
let requestCount = 0;

beforeAll(async () => {
  server = createServer((_request, response) => {
    requestCount += 1;
    response.writeHead(200, { "content-type": "text/calendar" }).end(FEED);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.ics`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("createCalendarProviderFactory", () => {
  it("opens the provider for each kind of config", () => {
    const factory = createCalendarProviderFactory({ ...limits, allowPrivateUrls: false, memoryServer: createMemoryCalendarServer() });
    expect(factory({ kind: "caldav", serverUrl: "https://caldav.example.com/", username: "a", password: "b" }).kind).toBe("caldav");
    expect(factory({ kind: "ics", url: "webcal://example.com/feed.ics" }).kind).toBe("ics");
    expect(factory({ kind: "memory", accountId: "owner" }).kind).toBe("memory");
  });

  it("sends memory configs to the memory server it was given, and rejects them without one", async () => {
    const memoryServer = createMemoryCalendarServer();
    memoryServer.addCalendar("owner", { name: "Work" });
    const factory = createCalendarProviderFactory({ ...limits, allowPrivateUrls: false, memoryServer });
    expect((await factory({ kind: "memory", accountId: "owner" }).listCalendars()).map((calendar) => calendar.name)).toEqual(["Work"]);
    const withoutMemory = createCalendarProviderFactory({ ...limits, allowPrivateUrls: false });
    expect(() => withoutMemory({ kind: "memory", accountId: "owner" })).toThrow(expect.objectContaining({ kind: "rejected" }));
  });

  it("rejects a kind it does not know", () => {
    const factory = createCalendarProviderFactory({ ...limits, allowPrivateUrls: false });
    expect(() => factory({ kind: "exchange" } as unknown as ProviderConfig)).toThrow(expect.objectContaining({ kind: "rejected", message: 'unknown calendar provider kind "exchange"' }));
  });

  it("refuses loopback URLs unless the deployment allows private URLs", async () => {
    const before = requestCount;
    const guarded = createCalendarProviderFactory({ ...limits, allowPrivateUrls: false })({ kind: "ics", url: feedUrl });
    await expect(guarded.listCalendars()).rejects.toMatchObject({ kind: "refused", message: expect.stringMatching(/private address/) });
    const caldav = createCalendarProviderFactory({ ...limits, allowPrivateUrls: false })({ kind: "caldav", serverUrl: feedUrl, username: "a", password: "b" });
    await expect(caldav.listCalendars()).rejects.toMatchObject({ kind: "refused", message: expect.stringMatching(/private address/) });
    expect(requestCount).toBe(before);

    const allowed = createCalendarProviderFactory({ ...limits, allowPrivateUrls: true })({ kind: "ics", url: feedUrl });
    expect((await allowed.listCalendars()).map((calendar) => calendar.name)).toEqual(["Local"]);
  });

  it("refuses limits that would make every fetch fail", () => {
    expect(() => createCalendarProviderFactory({ timeoutMs: 0, maxBodyBytes: 1, allowPrivateUrls: false })).toThrow(/must be positive/);
  });
});
