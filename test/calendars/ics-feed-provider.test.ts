// The ICS feed provider against a local HTTP server that publishes feeds the
// way calendar apps do: a secret path, ETag and Last-Modified, conditional GET
// answered 304, and a count of the requests it served.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import ICAL from "ical.js";
import { afterEach, describe, expect, it } from "vitest";
import { createIcsFeedProvider } from "../../src/adapters/calendars/ics-feed/ics-feed-provider.js";
import { createSafeFetch, type SafeFetch } from "../../src/adapters/calendars/safe-fetch.js";
import { eventIcs, readEvents, runCalendarContract } from "./calendar-contract.js";

type FeedServerOptions = { sendsEtag?: boolean; sendsLastModified?: boolean; name?: string | null };

type Feed = { vevents: Map<string, string>; version: number; name: string | null; extra: string };

/** The publishing side: feeds by path, each a set of VEVENT blocks by UID. */
async function startFeedServer(options: FeedServerOptions = {}) {
  const feeds = new Map<string, Feed>();
  const served = { requests: 0, notModified: 0, conditions: [] as Array<Record<string, string | undefined>> };
  const feedAt = (path: string): Feed => {
    const feed = feeds.get(path) ?? { vevents: new Map(), version: 1, name: options.name === undefined ? "Team holidays" : options.name, extra: "" };
    feeds.set(path, feed);
    return feed;
  };
  const bodyOf = (feed: Feed) =>
    ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Convene//feed server//EN", ...(feed.name ? [`X-WR-CALNAME:${feed.name}`] : []), feed.extra, ...feed.vevents.values(), "END:VCALENDAR", ""]
      .filter((line) => line !== "")
      .join("\r\n") + "\r\n";
  // Derived from the version, not the clock: each change moves it one second on.
  const lastModifiedOf = (feed: Feed) => new Date(Date.UTC(2027, 0, 1) + feed.version * 1000).toUTCString();

  const server: Server = createServer((request, response) => {
    served.requests += 1;
    const feed = feeds.get(new URL(request.url ?? "/", "http://feeds").pathname);
    if (!feed) return void response.writeHead(403).end("no such feed");
    const etag = `"v${feed.version}"`;
    served.conditions.push({ ifNoneMatch: request.headers["if-none-match"], ifModifiedSince: request.headers["if-modified-since"] });
    const headers: Record<string, string> = { "content-type": "text/calendar; charset=utf-8" };
    if (options.sendsEtag ?? true) headers.etag = etag;
    if (options.sendsLastModified ?? true) headers["last-modified"] = lastModifiedOf(feed);
    // RFC 9110 section 13.2.2: If-None-Match decides when present; If-Modified-Since only without it.
    const ifNoneMatch = request.headers["if-none-match"];
    const ifModifiedSince = request.headers["if-modified-since"];
    const isNotModified =
      ifNoneMatch !== undefined ? (options.sendsEtag ?? true) && ifNoneMatch === etag : ifModifiedSince !== undefined && (options.sendsLastModified ?? true) && Date.parse(ifModifiedSince) >= Date.parse(lastModifiedOf(feed));
    if (isNotModified) {
      served.notModified += 1;
      return void response.writeHead(304, headers).end();
    }
    response.writeHead(200, headers).end(bodyOf(feed));
  });
  let port = 0;
  const listen = () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  await listen();
  port = (server.address() as AddressInfo).port;
  const stop = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };

  return {
    served,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    feed: feedAt,
    /** Adds or replaces the VEVENTs of a VCALENDAR, by UID, as the publisher's app would. */
    put(path: string, ics: string) {
      const feed = feedAt(path);
      const vevents = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent");
      for (const vevent of vevents) feed.vevents.set(String(vevent.getFirstPropertyValue("uid")), vevent.toString());
      feed.version += 1;
    },
    remove(path: string, uid: string) {
      const feed = feedAt(path);
      if (!feed.vevents.delete(uid)) throw new Error(`no ${uid} in ${path}`);
      feed.version += 1;
    },
    setRaw(path: string, extra: string) {
      const feed = feedAt(path);
      feed.extra = extra;
      feed.version += 1;
    },
    stop,
    start: listen,
  };
}

type FeedServer = Awaited<ReturnType<typeof startFeedServer>>;

const loopbackFetch = createSafeFetch({ allowPrivateUrls: true, timeoutMs: 10_000, maxBodyBytes: 5_000_000 });
const feedProvider = (url: string, safeFetch: SafeFetch = loopbackFetch) => createIcsFeedProvider({ kind: "ics", url }, safeFetch);

const READ_ONLY = "an ICS feed is read-only; its writes are rejected (see 'writes to a read-only calendar are rejected')";

runCalendarContract({
  name: "ICS feed (local HTTP server)",
  async newProvider() {
    const server = await startFeedServer();
    const path = "/feeds/s3cret/team.ics";
    server.feed(path);
    server.put("/feeds/s3cret/holidays.ics", eventIcs("holiday-1"));
    const calendarId = server.url(path);
    const holidays = feedProvider(server.url("/feeds/s3cret/holidays.ics"));
    return {
      provider: feedProvider(calendarId),
      calendarId,
      isReadOnly: true,
      readOnlyCalendar: { provider: holidays, calendarId: server.url("/feeds/s3cret/holidays.ics") },
      mutate: {
        add: async (ics) => server.put(path, ics),
        change: async (href, ics) => {
          // A feed's href is the UID: the publisher replaces that event.
          if (!ics.includes(`UID:${href}\r\n`)) throw new Error(`${href} is not the UID of the changed event`);
          server.put(path, ics);
        },
        remove: async (href) => server.remove(path, href),
      },
      withRefusedCredentials: () => ({ provider: feedProvider(server.url("/feeds/wrong-secret/team.ics")), calendarId: server.url("/feeds/wrong-secret/team.ics") }),
      stopServer: server.stop,
      startServer: server.start,
      forgottenCursor: async () => `ics-feed:${JSON.stringify({ etag: '"v-from-before"', lastModified: null, sha256: "0".repeat(64) })}`,
      stop: server.stop,
    };
  },
  skip: {
    "create is idempotent": READ_ONLY,
    "create overwrites an event with the same UID another client wrote": READ_ONLY,
    "update replaces the event": READ_ONLY,
    "update with a stale etag re-reads it and succeeds": READ_ONLY,
    "delete removes the event": READ_ONLY,
    "delete of an event already gone succeeds": READ_ONLY,
  },
});

describe("ICS feed provider", () => {
  let server: FeedServer | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  it("asks conditionally and takes 304 as unchanged, in one request", async () => {
    server = await startFeedServer();
    server.put("/f.ics", eventIcs("a"));
    const provider = feedProvider(server.url("/f.ics"));
    const first = await provider.sync(server.url("/f.ics"), null);
    expect(first.full).toBe(true);
    const before = server.served.requests;
    const second = await provider.sync(server.url("/f.ics"), first.cursor);
    expect(second).toEqual({ cursor: first.cursor, full: false, changed: [], removedHrefs: [], unchanged: true });
    expect(server.served.requests - before).toBe(1);
    expect(server.served.notModified).toBe(1);
    expect(server.served.conditions.at(-1)).toEqual({ ifNoneMatch: '"v2"', ifModifiedSince: new Date(Date.UTC(2027, 0, 1) + 2000).toUTCString() });
  });

  it("uses If-Modified-Since when the server sends no ETag", async () => {
    server = await startFeedServer({ sendsEtag: false });
    server.put("/f.ics", eventIcs("a"));
    const provider = feedProvider(server.url("/f.ics"));
    const first = await provider.sync(server.url("/f.ics"), null);
    expect(await provider.sync(server.url("/f.ics"), first.cursor)).toMatchObject({ unchanged: true, full: false });
    expect(server.served.notModified).toBe(1);
    server.put("/f.ics", eventIcs("b"));
    const third = await provider.sync(server.url("/f.ics"), first.cursor);
    expect(third.full).toBe(true);
    expect(readEvents(third.changed).map((event) => event.uid).sort()).toEqual(["a", "b"]);
  });

  it("recognises the same feed by its hash when the server sends no validators", async () => {
    server = await startFeedServer({ sendsEtag: false, sendsLastModified: false });
    server.put("/f.ics", eventIcs("a"));
    const provider = feedProvider(server.url("/f.ics"));
    const first = await provider.sync(server.url("/f.ics"), null);
    expect(server.served.conditions.at(-1)).toEqual({ ifNoneMatch: undefined, ifModifiedSince: undefined });
    expect(await provider.sync(server.url("/f.ics"), first.cursor)).toMatchObject({ unchanged: true, full: false, changed: [] });
    expect(server.served.notModified).toBe(0);
  });

  it("splits the feed into one object per UID, each with the time zones it uses", async () => {
    server = await startFeedServer();
    const berlin = ["BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "BEGIN:STANDARD", "DTSTART:19701025T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE"].join("\r\n");
    const tokyo = ["BEGIN:VTIMEZONE", "TZID:Asia/Tokyo", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0900", "TZOFFSETTO:+0900", "END:STANDARD", "END:VTIMEZONE"].join("\r\n");
    const series = [
      "BEGIN:VEVENT",
      "UID:standup",
      "DTSTAMP:20270101T000000Z",
      "DTSTART;TZID=Europe/Berlin:20270104T090000",
      "DTEND;TZID=Europe/Berlin:20270104T091500",
      "RRULE:FREQ=DAILY;COUNT=5",
      "SUMMARY:Standup",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:standup",
      "DTSTAMP:20270101T000000Z",
      "RECURRENCE-ID;TZID=Europe/Berlin:20270106T090000",
      "DTSTART;TZID=Europe/Berlin:20270106T100000",
      "DTEND;TZID=Europe/Berlin:20270106T101500",
      "SUMMARY:Standup (moved)",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:lunch",
      "DTSTAMP:20270101T000000Z",
      "DTSTART:20270105T120000Z",
      "DTEND:20270105T130000Z",
      "SUMMARY:Lunch",
      "END:VEVENT",
      "BEGIN:VTODO",
      "UID:a-task",
      "DTSTAMP:20270101T000000Z",
      "END:VTODO",
    ].join("\r\n");
    server.setRaw("/f.ics", `X-WR-TIMEZONE:Europe/Berlin\r\n${berlin}\r\n${tokyo}\r\n${series}`);
    const provider = feedProvider(server.url("/f.ics"));

    const { changed, full } = await provider.sync(server.url("/f.ics"), null);
    expect(full).toBe(true);
    expect(changed.map((object) => object.href).sort()).toEqual(["lunch", "standup"]);
    const standup = new ICAL.Component(ICAL.parse(changed.find((object) => object.href === "standup")!.ics));
    expect(standup.getAllSubcomponents("vevent")).toHaveLength(2);
    expect(standup.getAllSubcomponents("vtimezone").map((zone) => zone.getFirstPropertyValue("tzid"))).toEqual(["Europe/Berlin"]);
    const lunch = new ICAL.Component(ICAL.parse(changed.find((object) => object.href === "lunch")!.ics));
    expect(lunch.getAllSubcomponents("vtimezone")).toEqual([]);

    // The series expands with its own zone: 09:00 Berlin is 08:00 UTC in January, the moved one 09:00 UTC.
    const event = new ICAL.Event(standup.getFirstSubcomponent("vevent")!, { exceptions: standup.getAllSubcomponents("vevent").slice(1) });
    const iterator = event.iterator();
    const startsUtc: string[] = [];
    for (let next = iterator.next(); next; next = iterator.next()) startsUtc.push(event.getOccurrenceDetails(next).startDate.convertToZone(ICAL.Timezone.utcTimezone).toString());
    expect(startsUtc).toEqual(["2027-01-04T08:00:00Z", "2027-01-05T08:00:00Z", "2027-01-06T09:00:00Z", "2027-01-07T08:00:00Z", "2027-01-08T08:00:00Z"]);

    // The same feed again gives the same etags.
    const again = await provider.sync(server.url("/f.ics"), null);
    expect(again.changed.map((object) => object.etag)).toEqual(changed.map((object) => object.etag));
    expect((await provider.listCalendars())[0]).toMatchObject({ name: "Team holidays", timeZone: "Europe/Berlin", readOnly: true });
  });

  it("names the calendar after the host when the feed has no X-WR-CALNAME", async () => {
    server = await startFeedServer({ name: null });
    server.put("/f.ics", eventIcs("a"));
    expect(await feedProvider(server.url("/f.ics")).listCalendars()).toEqual([{ remoteId: server.url("/f.ics"), name: "127.0.0.1", color: null, readOnly: true, timeZone: null }]);
  });

  it("fetches webcal:// over https, and refuses other schemes and text that is not iCalendar", async () => {
    const requested: string[] = [];
    const recording: SafeFetch = async (url) => {
      requested.push(url);
      return { status: 200, headers: new Headers(), url, body: "<html>not a calendar</html>" };
    };
    await expect(feedProvider("webcal://calendar.example.com/team.ics", recording).listCalendars()).rejects.toMatchObject({ kind: "rejected", message: "the feed is not iCalendar text" });
    expect(requested).toEqual(["https://calendar.example.com/team.ics"]);
    await expect(feedProvider("ftp://calendar.example.com/team.ics", recording).listCalendars()).rejects.toMatchObject({ kind: "rejected" });
    await expect(feedProvider("https://calendar.example.com/team.ics", recording).sync("https://other.example.com/x.ics", null)).rejects.toMatchObject({ kind: "rejected" });
  });

  it("refuses a feed on loopback unless private URLs are allowed", async () => {
    server = await startFeedServer();
    server.put("/f.ics", eventIcs("a"));
    const guarded = feedProvider(server.url("/f.ics"), createSafeFetch({ allowPrivateUrls: false, timeoutMs: 10_000, maxBodyBytes: 5_000_000 }));
    await expect(guarded.listCalendars()).rejects.toMatchObject({ kind: "refused", message: expect.stringMatching(/private address/) });
    expect(server.served.requests).toBe(0);
  });
});
