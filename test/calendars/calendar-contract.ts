// The one suite every CalendarProvider runs (memory, CalDAV against a real
// Radicale, ICS feeds against a local HTTP server; Google and Microsoft
// against their fakes later). A provider that cannot do something skips that
// test with the reason, and a hook a test needs but the provider did not
// supply fails the test with a message saying so: nothing passes by default.
import ICAL from "ical.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CalendarFailure, type CalendarFailureKind } from "../../src/core/calendars/calendar-errors.js";
import type { CalendarProvider, OwnEvent, RemoteObject, SyncResult } from "../../src/use-cases/ports/calendars.js";

export const CONTRACT_TESTS = [
  "lists its calendars",
  "a full sync returns every object",
  "an incremental sync returns what changed",
  "a sync with nothing new returns no changes",
  "a cursor the server rejects falls back to a full sync",
  "create is idempotent",
  "create overwrites an event with the same UID another client wrote",
  "update replaces the event",
  "update with a stale etag re-reads it and succeeds",
  "delete removes the event",
  "delete of an event already gone succeeds",
  "writes to a read-only calendar are rejected",
  "refused credentials fail as auth",
  "a stopped server fails as unavailable",
] as const;

export type ContractTestName = (typeof CONTRACT_TESTS)[number];

/** Another client's edits on the server (the owner in their calendar app, or the feed's publisher). */
export type ServerEdits = {
  add(ics: string): Promise<void>;
  change(href: string, ics: string): Promise<void>;
  remove(href: string): Promise<void>;
};

export type ContractSubject = {
  provider: CalendarProvider;
  /** The calendar the tests use, empty when the test starts. */
  calendarId: string;
  /** Whether listCalendars should call that calendar read-only (a feed). */
  isReadOnly: boolean;
  mutate?: ServerEdits;
  /** A calendar the account may read but not write, holding at least one event, and the provider that reads it. */
  readOnlyCalendar?: { provider: CalendarProvider; calendarId: string };
  /** A provider for the same server whose credentials the server refuses, and the calendar it would read (a feed's secret is in its URL). */
  withRefusedCredentials?: () => { provider: CalendarProvider; calendarId: string };
  /** Stops the server (its port then refuses connections) and brings it back. */
  stopServer?: () => Promise<void>;
  startServer?: () => Promise<void>;
  /** A cursor this server issued for the calendar and has since forgotten (or never issued but of the right shape). */
  forgottenCursor?: () => Promise<string>;
  stop(): Promise<void>;
};

export type CalendarContractOptions = {
  name: string;
  newProvider: () => Promise<ContractSubject>;
  skip?: Partial<Record<ContractTestName, string>>;
};

/** One VEVENT in a VCALENDAR, the way other clients and Convene write them. */
export function eventIcs(uid: string, { start = "20270105T100000Z", end = "20270105T110000Z", summary = "Busy" } = {}): string {
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Convene//calendar contract//EN",
    "BEGIN:VEVENT",
    `UID:${uid}`,
    "DTSTAMP:20270101T000000Z",
    `DTSTART:${start}`,
    `DTEND:${end}`,
    `SUMMARY:${summary}`,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}

/** An event as Convene writes it: the iCalendar object and the same facts structured (providers that take JSON use those). */
export function ownEvent(uid: string, times: { start?: string; end?: string; summary?: string } = {}): OwnEvent {
  const { start = "20270105T100000Z", end = "20270105T110000Z", summary = "Busy" } = times;
  const ms = (stamp: string) => Date.parse(stamp.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z"));
  return {
    uid,
    ics: eventIcs(uid, { start, end, summary }),
    details: { summary, description: "", location: null, startMs: ms(start), endMs: ms(end), timeZone: "UTC", attendees: [], conference: null },
  };
}

type ReadEvent = { href: string; uid: string; summary: string; start: string };

/** The first VEVENT of each object, as a reader of the calendar would see it. */
export function readEvents(objects: RemoteObject[]): ReadEvent[] {
  return objects.map((object) => {
    const event = new ICAL.Component(ICAL.parse(object.ics)).getFirstSubcomponent("vevent");
    if (!event) throw new Error(`${object.href} holds no VEVENT`);
    const start = event.getFirstPropertyValue("dtstart") as ICAL.Time;
    return { href: object.href, uid: String(event.getFirstPropertyValue("uid")), summary: String(event.getFirstPropertyValue("summary")), start: start.toString() };
  });
}

const uidsOf = (objects: RemoteObject[]) => readEvents(objects).map((event) => event.uid).sort();

async function failureOf(promise: Promise<unknown>): Promise<CalendarFailure> {
  const outcome = await promise.then(
    (value: unknown) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error(`expected a CalendarFailure, got ${JSON.stringify(outcome.value)}`);
  if (!(outcome.error instanceof CalendarFailure)) throw outcome.error;
  return outcome.error;
}

async function expectFailure(promise: Promise<unknown>, kind: CalendarFailureKind): Promise<CalendarFailure> {
  const failure = await failureOf(promise);
  expect(failure.kind, failure.message).toBe(kind);
  return failure;
}

function need<T>(hook: T | undefined, what: string): T {
  if (hook === undefined) throw new Error(`this test needs ${what} from newProvider, or a skip entry with the reason the provider cannot`);
  return hook;
}

export function runCalendarContract({ name, newProvider, skip = {} }: CalendarContractOptions): void {
  describe(`CalendarProvider contract: ${name}`, () => {
    let subject: ContractSubject;
    beforeEach(async () => {
      subject = await newProvider();
    });
    afterEach(async () => {
      await subject.stop();
    });

    const test = (testName: ContractTestName, body: () => Promise<void>) => {
      const reason = skip[testName];
      if (reason) it.skip(`${testName} (skipped: ${reason})`, body);
      else it(testName, body);
    };
    const edits = () => need(subject.mutate, "mutate (server-side edits)");
    const fullSync = async () => {
      const result = await subject.provider.sync(subject.calendarId, null);
      expect(result.full).toBe(true);
      return result;
    };

    test("lists its calendars", async () => {
      const calendars = await subject.provider.listCalendars();
      const calendar = calendars.find((candidate) => candidate.remoteId === subject.calendarId);
      expect(calendar, `${subject.calendarId} among ${calendars.map((c) => c.remoteId).join(", ")}`).toBeDefined();
      expect(calendar!.name).toMatch(/\S/);
      expect(calendar!.readOnly).toBe(subject.isReadOnly);
      expect(calendar!.color === null || /^#[0-9a-f]{6}$/i.test(calendar!.color)).toBe(true);
    });

    test("a full sync returns every object", async () => {
      await edits().add(eventIcs("contract-a"));
      await edits().add(eventIcs("contract-b", { summary: "Dentist" }));
      const result = await fullSync();
      expect(typeof result.cursor).toBe("string");
      expect(result.removedHrefs).toEqual([]);
      expect(uidsOf(result.changed)).toEqual(["contract-a", "contract-b"]);
      expect(readEvents(result.changed).find((event) => event.uid === "contract-b")?.summary).toBe("Dentist");
      expect(new Set(result.changed.map((object) => object.href)).size).toBe(2);
    });

    test("an incremental sync returns what changed", async () => {
      for (const uid of ["contract-a", "contract-b", "contract-c"]) await edits().add(eventIcs(uid));
      const first = await fullSync();
      const hrefOf = (uid: string) => readEvents(first.changed).find((event) => event.uid === uid)!.href;
      await edits().add(eventIcs("contract-d"));
      await edits().change(hrefOf("contract-b"), eventIcs("contract-b", { summary: "Moved", start: "20270106T100000Z", end: "20270106T110000Z" }));
      await edits().remove(hrefOf("contract-c"));

      const second = await subject.provider.sync(subject.calendarId, first.cursor);
      if (second.full) {
        expect(uidsOf(second.changed)).toEqual(["contract-a", "contract-b", "contract-d"]);
      } else {
        expect(uidsOf(second.changed)).toEqual(["contract-b", "contract-d"]);
        expect(second.removedHrefs).toEqual([hrefOf("contract-c")]);
      }
      const after = applySync(first, second);
      expect(readEvents(after).map((event) => [event.uid, event.summary, event.start]).sort()).toEqual([
        ["contract-a", "Busy", "2027-01-05T10:00:00Z"],
        ["contract-b", "Moved", "2027-01-06T10:00:00Z"],
        ["contract-d", "Busy", "2027-01-05T10:00:00Z"],
      ]);
    });

    test("a sync with nothing new returns no changes", async () => {
      await edits().add(eventIcs("contract-a"));
      const first = await fullSync();
      const second = await subject.provider.sync(subject.calendarId, first.cursor);
      expect(second).toMatchObject({ full: false, changed: [], removedHrefs: [] });
      expect(typeof second.cursor).toBe("string");
    });

    test("a cursor the server rejects falls back to a full sync", async () => {
      await edits().add(eventIcs("contract-a"));
      const garbage = await subject.provider.sync(subject.calendarId, "not-a-cursor-any-server-issued");
      expect(garbage.full).toBe(true);
      expect(uidsOf(garbage.changed)).toEqual(["contract-a"]);
      const forgotten = await subject.provider.sync(subject.calendarId, await need(subject.forgottenCursor, "forgottenCursor")());
      expect(forgotten.full).toBe(true);
      expect(uidsOf(forgotten.changed)).toEqual(["contract-a"]);
    });

    test("create is idempotent", async () => {
      const event = ownEvent("booking-1@convene.test");
      const first = await subject.provider.createEvent(subject.calendarId, event);
      const again = await subject.provider.createEvent(subject.calendarId, event);
      expect(again.href).toBe(first.href);
      const synced = await fullSync();
      expect(uidsOf(synced.changed)).toEqual(["booking-1@convene.test"]);
      expect(synced.changed[0]!.href).toBe(first.href);
    });

    test("create overwrites an event with the same UID another client wrote", async () => {
      // The invite was also imported into the calendar by the owner's mail app.
      await edits().add(eventIcs("booking-2@convene.test", { summary: "Imported invite" }));
      const written = await subject.provider.createEvent(subject.calendarId, ownEvent("booking-2@convene.test", { summary: "From Convene" }));
      const events = readEvents((await fullSync()).changed);
      expect(events.map((event) => [event.uid, event.summary, event.href])).toEqual([["booking-2@convene.test", "From Convene", written.href]]);
    });

    test("update replaces the event", async () => {
      const uid = "booking-3@convene.test";
      const created = await subject.provider.createEvent(subject.calendarId, ownEvent(uid));
      const updated = await subject.provider.updateEvent(subject.calendarId, ownEvent(uid, { start: "20270107T150000Z", end: "20270107T160000Z" }), created);
      expect(updated.href).toBe(created.href);
      const events = readEvents((await fullSync()).changed);
      expect(events.map((event) => [event.uid, event.start])).toEqual([[uid, "2027-01-07T15:00:00Z"]]);
    });

    test("update with a stale etag re-reads it and succeeds", async () => {
      const uid = "booking-4@convene.test";
      const created = await subject.provider.createEvent(subject.calendarId, ownEvent(uid));
      // The owner edits it in their calendar app: the etag Convene holds is now stale.
      await edits().change(created.href, eventIcs(uid, { summary: "Edited by the owner" }));
      await subject.provider.updateEvent(subject.calendarId, ownEvent(uid, { summary: "Rescheduled" }), created);
      // And Convene's own earlier etag, once its own update replaced it.
      const latest = await subject.provider.updateEvent(subject.calendarId, ownEvent(uid, { summary: "Rescheduled twice" }), created);
      expect(latest.href).toBe(created.href);
      const events = readEvents((await fullSync()).changed);
      expect(events.map((event) => [event.uid, event.summary])).toEqual([[uid, "Rescheduled twice"]]);
    });

    test("delete removes the event", async () => {
      await edits().add(eventIcs("someone-elses"));
      const uid = "booking-5@convene.test";
      const created = await subject.provider.createEvent(subject.calendarId, ownEvent(uid));
      await subject.provider.deleteEvent(subject.calendarId, uid, created);
      expect(uidsOf((await fullSync()).changed)).toEqual(["someone-elses"]);
    });

    test("delete of an event already gone succeeds", async () => {
      const uid = "booking-6@convene.test";
      const created = await subject.provider.createEvent(subject.calendarId, ownEvent(uid));
      await subject.provider.deleteEvent(subject.calendarId, uid, created);
      await subject.provider.deleteEvent(subject.calendarId, uid, created);
      await subject.provider.deleteEvent(subject.calendarId, uid, null);
      expect((await fullSync()).changed).toEqual([]);
    });

    test("writes to a read-only calendar are rejected", async () => {
      const { provider, calendarId } = need(subject.readOnlyCalendar, "readOnlyCalendar");
      const before = await provider.sync(calendarId, null);
      const existing = before.changed[0];
      expect(existing, "the read-only calendar should hold an event").toBeDefined();
      const uid = readEvents([existing!])[0]!.uid;
      await expectFailure(provider.createEvent(calendarId, ownEvent("booking-7@convene.test")), "rejected");
      await expectFailure(provider.updateEvent(calendarId, ownEvent(uid, { summary: "Overwritten" }), existing!), "rejected");
      await expectFailure(provider.deleteEvent(calendarId, uid, existing!), "rejected");
      const after = await provider.sync(calendarId, null);
      expect(readEvents(after.changed)).toEqual(readEvents(before.changed));
    });

    test("refused credentials fail as auth", async () => {
      const refused = need(subject.withRefusedCredentials, "withRefusedCredentials")();
      await expectFailure(refused.provider.listCalendars(), "auth");
      await expectFailure(refused.provider.sync(refused.calendarId, null), "auth");
    });

    test("a stopped server fails as unavailable", async () => {
      const startServer = need(subject.startServer, "startServer");
      await need(subject.stopServer, "stopServer")();
      try {
        await expectFailure(subject.provider.listCalendars(), "unavailable");
        await expectFailure(subject.provider.sync(subject.calendarId, null), "unavailable");
        if (!subject.isReadOnly) await expectFailure(subject.provider.createEvent(subject.calendarId, ownEvent("booking-8@convene.test")), "unavailable");
      } finally {
        await startServer();
      }
      // Back up, the same provider works again.
      expect((await subject.provider.sync(subject.calendarId, null)).full).toBe(true);
    });
  });
}

/** The calendar as a client holds it after applying `second` on top of the full listing `first`. */
function applySync(first: SyncResult, second: SyncResult): RemoteObject[] {
  const byHref = new Map(second.full ? [] : first.changed.map((object) => [object.href, object] as const));
  for (const href of second.removedHrefs) byHref.delete(href);
  for (const object of second.changed) byHref.set(object.href, object);
  return [...byHref.values()];
}
