// The CalDAV provider against a real Radicale: the contract twice (reading by
// sync-collection, and by ctag as on servers without it), then discovery.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaldavCalendarProvider } from "../../src/adapters/calendars/caldav/caldav-calendar-provider.js";
import { createSafeFetch, type SafeFetch } from "../../src/adapters/calendars/safe-fetch.js";
import { radicaleSkipReason, startRadicale, type RadicaleServer } from "../support/radicale.js";
import { eventIcs, ownEvent, runCalendarContract, type ContractSubject } from "./calendar-contract.js";

const USERS = { alice: "alice-password", bob: "bob-password" };
const safeFetch = createSafeFetch({ allowPrivateUrls: true, timeoutMs: 10_000, maxBodyBytes: 5_000_000 });
const skipReason = radicaleSkipReason();

let radicale: RadicaleServer;
let sharedCalendarUrl = "";
let calendarCount = 0;

function caldav(username: string, password: string, options: { useSyncCollection?: boolean } = {}) {
  return createCaldavCalendarProvider({ kind: "caldav", serverUrl: `${radicale.url}/`, username, password }, safeFetch, options);
}

async function expectStatus(response: Promise<Response>, statuses: number[]): Promise<void> {
  const answered = await response;
  if (!statuses.includes(answered.status)) throw new Error(`Radicale answered ${answered.status}: ${await answered.text()}`);
}

async function newSubject(useSyncCollection: boolean): Promise<ContractSubject> {
  calendarCount += 1;
  const calendarId = await radicale.makeCalendar("alice", `contract-${calendarCount}`, { displayName: `Contract ${calendarCount}`, color: "#3366CCFF" });
  const path = (href: string) => new URL(href).pathname;
  const provider = caldav("alice", USERS.alice, { useSyncCollection });
  return {
    provider,
    calendarId,
    isReadOnly: false,
    readOnlyCalendar: { provider, calendarId: sharedCalendarUrl },
    mutate: {
      // Another client (the owner's calendar app) names its resources its own way.
      add: (ics) => expectStatus(radicale.request("alice", "PUT", `${path(calendarId)}${/UID:(.*)\r\n/.exec(ics)![1]}-app.ics`, { body: ics, headers: { "content-type": "text/calendar" } }), [201]),
      change: (href, ics) => expectStatus(radicale.request("alice", "PUT", path(href), { body: ics, headers: { "content-type": "text/calendar" } }), [201, 204]),
      remove: (href) => expectStatus(radicale.request("alice", "DELETE", path(href)), [200, 204]),
    },
    withRefusedCredentials: () => ({ provider: caldav("alice", "not-the-password", { useSyncCollection }), calendarId }),
    stopServer: () => radicale.stop(),
    startServer: () => radicale.start(),
    async forgottenCursor() {
      if (!useSyncCollection) return 'caldav-ctag:"a ctag from before"';
      const { cursor, changed } = await caldav("alice", USERS.alice).sync(calendarId, null);
      // Radicale answers a token for its current state without its cache, so the calendar moves on first.
      const edited = changed[0]!.ics.replace("END:VEVENT", "DESCRIPTION:edited\r\nEND:VEVENT");
      await expectStatus(radicale.request("alice", "PUT", path(changed[0]!.href), { body: edited, headers: { "content-type": "text/calendar" } }), [201, 204]);
      await radicale.forgetSyncTokens(calendarId);
      return cursor!;
    },
    async stop() {
      if (!radicale.isRunning()) await radicale.start();
      await expectStatus(radicale.request("alice", "DELETE", path(calendarId)), [200, 204]);
    },
  };
}

if (skipReason) {
  describe.skip(`CalDAV provider against Radicale (${skipReason})`, () => {
    it("runs the calendar contract", () => undefined);
  });
} else {
  beforeAll(async () => {
    radicale = await startRadicale({ users: USERS });
    sharedCalendarUrl = await radicale.makeCalendar("bob", "shared-holidays", { displayName: "Bob's holidays" });
    await expectStatus(radicale.request("bob", "PUT", "/bob/shared-holidays/holiday.ics", { body: eventIcs("holiday-1"), headers: { "content-type": "text/calendar" } }), [201]);
  });
  afterAll(async () => {
    await radicale?.close();
  });

  runCalendarContract({ name: "CalDAV (Radicale, sync-collection)", newProvider: () => newSubject(true) });
  runCalendarContract({ name: "CalDAV (Radicale, ctag and calendar-query)", newProvider: () => newSubject(false) });

  describe("CalDAV requests", () => {
    type Recorded = { method: string; url: string; status: number; requestBody: string; condition: string | null };
    function recording(): { provider: ReturnType<typeof caldav>; requests: Recorded[] } {
      const requests: Recorded[] = [];
      const recordingFetch: SafeFetch = async (url, request) => {
        const response = await safeFetch(url, request);
        const headers = request?.headers ?? {};
        const condition = headers["if-none-match"] ? `If-None-Match: ${headers["if-none-match"]}` : headers["if-match"] ? `If-Match: ${headers["if-match"]}` : null;
        requests.push({ method: request?.method ?? "GET", url, status: response.status, requestBody: request?.body ?? "", condition });
        return response;
      };
      return { provider: createCaldavCalendarProvider({ kind: "caldav", serverUrl: `${radicale.url}/`, username: "alice", password: USERS.alice }, recordingFetch), requests };
    }

    it("syncs incrementally with sync-collection and fetches only the changed bodies", async () => {
      const calendarId = await radicale.makeCalendar("alice", "requests-incremental");
      for (const uid of ["r-1", "r-2", "r-3"]) await expectStatus(radicale.request("alice", "PUT", `/alice/requests-incremental/${uid}.ics`, { body: eventIcs(uid) }), [201]);
      const { provider, requests } = recording();
      const first = await provider.sync(calendarId, null);
      await expectStatus(radicale.request("alice", "PUT", "/alice/requests-incremental/r-2.ics", { body: eventIcs("r-2", { summary: "Changed" }) }), [201, 204]);
      requests.length = 0;
      const second = await provider.sync(calendarId, first.cursor);
      expect(second).toMatchObject({ full: false, removedHrefs: [] });
      expect(second.changed.map((object) => object.href)).toEqual([`${calendarId}r-2.ics`]);
      expect(requests.map((request) => [request.method, request.status])).toEqual([
        ["REPORT", 207],
        ["REPORT", 207],
      ]);
      expect(requests[0]!.requestBody).toContain("sync-collection");
      expect(requests[1]!.requestBody).toContain("calendar-multiget");
      expect(requests[1]!.requestBody.match(/<d:href>/g)).toHaveLength(1);

      requests.length = 0;
      expect(await provider.sync(calendarId, second.cursor)).toMatchObject({ full: false, changed: [], removedHrefs: [] });
      expect(requests).toHaveLength(1);
    });

    it("lists everything when Radicale answers a forgotten token with 403 valid-sync-token", async () => {
      const calendarId = await radicale.makeCalendar("alice", "requests-forgotten");
      await expectStatus(radicale.request("alice", "PUT", "/alice/requests-forgotten/f-1.ics", { body: eventIcs("f-1") }), [201]);
      const { provider, requests } = recording();
      const first = await provider.sync(calendarId, null);
      await expectStatus(radicale.request("alice", "PUT", "/alice/requests-forgotten/f-2.ics", { body: eventIcs("f-2") }), [201]);
      await radicale.forgetSyncTokens(calendarId);
      requests.length = 0;
      const second = await provider.sync(calendarId, first.cursor);
      expect(second.full).toBe(true);
      expect(second.changed.map((object) => object.href).sort()).toEqual([`${calendarId}f-1.ics`, `${calendarId}f-2.ics`]);
      expect(requests[0]).toMatchObject({ method: "REPORT", status: 403 });
      // And the new cursor works incrementally again.
      expect(await provider.sync(calendarId, second.cursor)).toMatchObject({ full: false, changed: [] });
    });

    it("writes Convene's events with If-None-Match on create and If-Match on update", async () => {
      const calendarId = await radicale.makeCalendar("alice", "requests-writes");
      const { provider, requests } = recording();
      const created = await provider.createEvent(calendarId, ownEvent("w-1@convene.test"));
      expect(created.href).toMatch(new RegExp(`^${calendarId}convene-[0-9a-f]{32}\\.ics$`));
      expect(created.etag).toMatch(/^".+"$/);
      await provider.updateEvent(calendarId, ownEvent("w-1@convene.test", { summary: "Moved" }), created);
      expect(requests.map((request) => [request.method, request.condition, request.status])).toEqual([
        ["PUT", "If-None-Match: *", 201],
        ["PUT", `If-Match: ${created.etag}`, 201],
      ]);
    });
  });

  describe("CalDAV discovery", () => {
    it("finds the account's event calendars from the server root (/.well-known/caldav) or the principal URL", async () => {
      const work = await radicale.makeCalendar("alice", "discovery-work", { displayName: "Work", color: "#FF8800" });
      const tasks = await radicale.makeCalendar("alice", "discovery-tasks", { displayName: "Tasks", components: ["VTODO"] });
      const fromRoot = await caldav("alice", USERS.alice).listCalendars();
      const fromPrincipal = await createCaldavCalendarProvider({ kind: "caldav", serverUrl: `${radicale.url}/alice/`, username: "alice", password: USERS.alice }, safeFetch).listCalendars();
      for (const calendars of [fromRoot, fromPrincipal]) {
        expect(calendars.find((calendar) => calendar.remoteId === work)).toEqual({ remoteId: work, name: "Work", color: "#ff8800", readOnly: false, timeZone: null });
        expect(calendars.map((calendar) => calendar.remoteId)).not.toContain(tasks);
      }
    });

    it("reads the calendar's own time zone", async () => {
      const vtimezone = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Convene//test//EN",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Berlin",
        "BEGIN:STANDARD",
        "DTSTART:19701025T030000",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "END:VTIMEZONE",
        "END:VCALENDAR",
        "",
      ].join("\r\n");
      const berlin = await radicale.makeCalendar("alice", "discovery-berlin", { displayName: "Berlin", timeZone: vtimezone });
      const calendars = await caldav("alice", USERS.alice).listCalendars();
      expect(calendars.find((calendar) => calendar.remoteId === berlin)?.timeZone).toBe("Europe/Berlin");
    });

    it("refuses Radicale on loopback unless private URLs are allowed", async () => {
      const guarded = createCaldavCalendarProvider(
        { kind: "caldav", serverUrl: `${radicale.url}/`, username: "alice", password: USERS.alice },
        createSafeFetch({ allowPrivateUrls: false, timeoutMs: 10_000, maxBodyBytes: 5_000_000 }),
      );
      await expect(guarded.listCalendars()).rejects.toMatchObject({ kind: "refused", message: expect.stringMatching(/private address/) });
    });
  });
}
