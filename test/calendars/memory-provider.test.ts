// The memory provider runs the contract like every other provider, so tests
// of sync and the calendar channel that use it stand on the same behaviour.
import { describe, expect, it } from "vitest";
import { createMemoryCalendarServer, type MemoryCalendarServer } from "../../src/adapters/calendars/memory/memory-calendar-server.js";
import { eventIcs, ownEvent, runCalendarContract } from "./calendar-contract.js";

function subjectOn(server: MemoryCalendarServer) {
  const calendarId = server.addCalendar("owner", { name: "Work", color: "#1a73e8" });
  const readOnlyCalendarId = server.addCalendar("owner", { name: "Holidays", readOnly: true });
  server.addObject(readOnlyCalendarId, eventIcs("holiday-1"));
  return { calendarId, readOnlyCalendarId };
}

runCalendarContract({
  name: "memory",
  async newProvider() {
    const server = createMemoryCalendarServer();
    const { calendarId, readOnlyCalendarId } = subjectOn(server);
    const provider = server.provider({ kind: "memory", accountId: "owner" });
    return {
      provider,
      calendarId,
      isReadOnly: false,
      readOnlyCalendar: { provider, calendarId: readOnlyCalendarId },
      mutate: {
        add: async (ics) => void server.addObject(calendarId, ics),
        change: async (href, ics) => void server.updateObject(calendarId, href, ics),
        remove: async (href) => server.removeObject(calendarId, href),
      },
      withRefusedCredentials: () => {
        server.setFailure("auth", "owner");
        return { provider: server.provider({ kind: "memory", accountId: "owner" }), calendarId };
      },
      stopServer: async () => server.setFailure("unavailable"),
      startServer: async () => server.setFailure(null),
      async forgottenCursor() {
        const { cursor } = await server.provider({ kind: "memory", accountId: "owner" }).sync(calendarId, null);
        server.forgetSyncTokens(calendarId);
        return cursor!;
      },
      stop: async () => undefined,
    };
  },
});

describe("memory calendar server", () => {
  it("counts requests, including the re-read a stale etag costs", async () => {
    const server = createMemoryCalendarServer();
    const { calendarId } = subjectOn(server);
    const provider = server.provider({ kind: "memory", accountId: "owner" });
    const written = await provider.createEvent(calendarId, ownEvent("b@x"));
    const before = server.requestCount;
    await provider.updateEvent(calendarId, ownEvent("b@x", { summary: "v2" }), written);
    expect(server.requestCount - before).toBe(1);
    await provider.updateEvent(calendarId, ownEvent("b@x", { summary: "v3" }), written);
    // The stale If-Match, the re-read and the retry.
    expect(server.requestCount - before).toBe(4);
  });

  it("refuses an account it does not know, as wrong credentials", async () => {
    const server = createMemoryCalendarServer();
    await expect(server.provider({ kind: "memory", accountId: "nobody" }).listCalendars()).rejects.toMatchObject({ kind: "auth" });
  });

  it("keeps accounts apart", async () => {
    const server = createMemoryCalendarServer();
    const { calendarId } = subjectOn(server);
    server.addAccount("other");
    const other = server.provider({ kind: "memory", accountId: "other" });
    expect(await other.listCalendars()).toEqual([]);
    await expect(other.sync(calendarId, null)).rejects.toMatchObject({ kind: "rejected", status: 404 });
  });

  it("refuses an event whose UID is not the one it is written under", async () => {
    const server = createMemoryCalendarServer();
    const { calendarId } = subjectOn(server);
    const provider = server.provider({ kind: "memory", accountId: "owner" });
    await expect(provider.createEvent(calendarId, { ...ownEvent("a@x"), ics: eventIcs("b@x") })).rejects.toMatchObject({ kind: "rejected" });
    await expect(provider.createEvent(calendarId, { ...ownEvent("a@x"), ics: "not iCalendar" })).rejects.toMatchObject({ kind: "rejected" });
    expect(server.objects(calendarId)).toEqual([]);
  });
});
