// The real thing, end to end: `convene serve` connected over CalDAV to a real
// Radicale. A booking's event lands in the host's calendar with the invite's
// UID; the process is killed (SIGKILL) right after the booking commits,
// before the calendar write; after a restart the calendar holds exactly one
// event for it. A busy event on the server blocks the link's slots.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, useConveneProcesses, waitFor } from "../support/convene-process.js";
import { describeOnEngines } from "../support/engines.js";
import { bookOverHttp, call, createLinkOverHttp, daysAhead, signUpOverHttp, ALL_WEEK } from "../support/http-client.js";
import { settle } from "../support/polling.js";
import { radicaleSkipReason, startRadicale, type RadicaleServer } from "../support/radicale.js";

const skipReason = radicaleSkipReason();
const USER = "host";
const PASSWORD = "app-password-1";

/** The .ics resources of a collection, by PROPFIND, as any CalDAV client would list them. */
async function objectsIn(radicale: RadicaleServer, collectionPath: string): Promise<string[]> {
  const answer = await radicale.request(USER, "PROPFIND", collectionPath, { headers: { depth: "1", "content-type": "application/xml" }, body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>' });
  const text = await answer.text();
  return [...text.matchAll(/<(?:\w+:)?href>([^<]+\.ics)<\/(?:\w+:)?href>/g)].map((match) => match[1]!);
}

// Without Radicale (outside CI: radicaleSkipReason throws in CI) the suite says why it did not run.
if (skipReason) describe.skip(`calendar writes across a crash: ${skipReason}`, () => it("needs Radicale", () => undefined));
else describeOnEngines("calendar writes across a crash (Radicale)", (engine) => {
  let radicale: RadicaleServer;
  beforeAll(async () => {
    radicale = await startRadicale({ users: { [USER]: PASSWORD } });
  });
  afterAll(async () => {
    await radicale?.close();
  });
  const processes = useConveneProcesses(engine);

  it("writes the booking once after a SIGKILL between the booking's commit and the calendar write", async () => {
    const calendarUrl = await radicale.makeCalendar(USER, "work", { displayName: "Work" });
    const calendarPath = new URL(calendarUrl).pathname;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = await processes.env({ PORT: String(port), HOST: "127.0.0.1", CALENDAR_ALLOW_PRIVATE_URLS: "true", NOTIFY_RETRY_DELAY_SECONDS: "1" });

    const first = processes.run(["serve"], env);
    await waitFor(first, "Convene is running", 180_000);
    const owner = await signUpOverHttp(base, { timeZone: "UTC" });
    const connected = await call<{ status: string; calendars: { name: string; isDestination: boolean; isConflict: boolean }[] }>(
      base,
      "POST",
      "/api/v1/calendars/caldav",
      { serverUrl: radicale.url, username: USER, password: PASSWORD },
      owner,
    );
    expect(connected.status, JSON.stringify(connected.body)).toBe(201);
    expect(connected.body.status).toBe("ok");
    expect(connected.body.calendars).toEqual([expect.objectContaining({ name: "Work", isDestination: true, isConflict: true })]);

    const link = await createLinkOverHttp(base, owner, { title: "Crash test", timeZone: "UTC", weeklyHours: ALL_WEEK });
    const booked = await bookOverHttp(base, link, daysAhead(3, 10), { email: "invitee@example.com" });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const bookingId = booked.body["id"] as string;
    // Killed at once: the relay (once a second) has not fanned the booking out yet, or is writing it.
    first.child.kill("SIGKILL");
    await first.exited;

    const second = processes.run(["serve"], env);
    await waitFor(second, "Convene is running", 180_000);
    type Detail = { calendarWrites: { state: string }[] };
    const detail = await settle(
      async () => (await call<Detail>(base, "GET", `/api/v1/bookings/${bookingId}`, undefined, owner)).body,
      (read) => read.calendarWrites[0]?.state === "written",
      30_000,
    );
    expect(detail.calendarWrites).toHaveLength(1);
    const objects = await objectsIn(radicale, calendarPath);
    expect(objects).toHaveLength(1);
    const event = await (await radicale.request(USER, "GET", objects[0]!)).text();
    expect(event).toContain(`UID:${bookingId}@convene`);
    expect(event).not.toContain("METHOD:");

    // A busy event another client puts on the server blocks the link once synced.
    const busyStart = daysAhead(4, 10);
    const stamp = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    const busyEnd = new Date(Date.parse(busyStart) + 3_600_000).toISOString();
    const put = await radicale.request(USER, "PUT", `${calendarPath}dentist.ics`, {
      headers: { "content-type": "text/calendar" },
      body: ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT", "UID:dentist@example.com", "DTSTAMP:20260101T000000Z", `DTSTART:${stamp(busyStart)}`, `DTEND:${stamp(busyEnd)}`, "END:VEVENT", "END:VCALENDAR", ""].join("\r\n"),
    });
    expect(put.status).toBe(201);
    const connections = await call<{ items: { id: string }[] }>(base, "GET", "/api/v1/calendars", undefined, owner);
    const synced = await call<{ status: string }>(base, "POST", `/api/v1/calendars/${connections.body.items[0]!.id}/sync`, undefined, owner);
    expect(synced.body.status).toBe("ok");
    const day = busyStart.slice(0, 10);
    const slots = await call<{ days: { slots: { start: string }[] }[] }>(base, "GET", `${link.apiPath}/slots?from=${day}T00:00:00Z&to=${day}T23:59:00Z&durationMin=30`);
    const starts = slots.body.days.flatMap((d) => d.slots.map((slot) => slot.start));
    expect(starts).not.toContain(busyStart);
    expect(starts).toContain(busyEnd);
    // Still exactly one event of ours after the sync read it back.
    expect((await objectsIn(radicale, calendarPath)).filter((href) => href !== `${calendarPath}dentist.ics`)).toHaveLength(1);

    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 400_000);
});
