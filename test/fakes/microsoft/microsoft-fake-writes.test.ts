// The Microsoft fake's write rules, driven with plain fetch: If-Match on an
// event's version, read-only calendars, finding an event by iCalUId, and a
// server that stops listening and comes back.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMicrosoftFake, type MicrosoftFake } from "./microsoft-fake.js";

const CLIENT_ID = "11111111-2222-3333-4444-555555555555";

let fake: MicrosoftFake;
let userId: string;
let calendarId: string;
let token: string;

beforeEach(async () => {
  fake = await startMicrosoftFake({ clients: [{ clientId: CLIENT_ID, redirectUris: ["http://127.0.0.1:9/callback"] }] });
  userId = fake.addUser({ mail: "host@contoso.example" }).id;
  calendarId = fake.addCalendar(userId, { name: "Calendar", isDefaultCalendar: true }).id;
  token = fake.issueTokens(userId, CLIENT_ID).accessToken;
});

afterEach(async () => {
  await fake.stop();
});

function graph(path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...init.headers };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  return fetch(`${fake.graphUrl}${path}`, { method: init.method ?? "GET", headers, ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}) });
}

const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

describe("Microsoft Graph fake writes", () => {
  it("answers a stale If-Match with 412 ErrorIrresolvableConflict and accepts the current @odata.etag", async () => {
    const id = fake.addEvent(calendarId, { subject: "Review", start: "2027-01-05T10:00:00Z", end: "2027-01-05T11:00:00Z" });
    const etag = ((await (await graph(`/v1.0/me/events/${id}`)).json()) as { "@odata.etag": string })["@odata.etag"];
    fake.editEvent(id, { subject: "Edited in Outlook" });
    const stale = await graph(`/v1.0/me/events/${id}`, { method: "PATCH", json: { subject: "Mine" }, headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    expect(await errorCode(stale)).toBe("ErrorIrresolvableConflict");
    expect(fake.eventsOf(calendarId)[0]!.subject).toBe("Edited in Outlook");
    const current = ((await (await graph(`/v1.0/me/events/${id}`)).json()) as { "@odata.etag": string })["@odata.etag"];
    const patched = await graph(`/v1.0/me/events/${id}`, { method: "PATCH", json: { subject: "Mine" }, headers: { "if-match": current } });
    expect(patched.status).toBe(200);
    expect(fake.eventsOf(calendarId)[0]!.subject).toBe("Mine");
  });

  it("lists a read-only calendar as canEdit false and refuses writes to it with 403 ErrorAccessDenied", async () => {
    const shared = fake.addCalendar(userId, { name: "Shared", canEdit: false }).id;
    const id = fake.addEvent(shared, { subject: "Holiday", start: "2027-01-04T00:00:00Z", end: "2027-01-05T00:00:00Z" });
    const calendars = ((await (await graph("/v1.0/me/calendars")).json()) as { value: { id: string; canEdit: boolean }[] }).value;
    expect(calendars.find((calendar) => calendar.id === shared)?.canEdit).toBe(false);
    const body = { subject: "x", start: { dateTime: "2027-01-05T10:00:00", timeZone: "UTC" }, end: { dateTime: "2027-01-05T11:00:00", timeZone: "UTC" } };
    for (const response of [
      await graph(`/v1.0/me/calendars/${shared}/events`, { method: "POST", json: body }),
      await graph(`/v1.0/me/events/${id}`, { method: "PATCH", json: { subject: "x" } }),
      await graph(`/v1.0/me/events/${id}`, { method: "DELETE" }),
    ]) {
      expect(response.status).toBe(403);
      expect(await errorCode(response)).toBe("ErrorAccessDenied");
    }
    expect(fake.eventsOf(shared).map((event) => event.subject)).toEqual(["Holiday"]);
  });

  it("finds events by iCalUId (an imported invite keeps its UID), answers only that $filter, and omits an unset transactionId", async () => {
    const invite = fake.addEvent(calendarId, { subject: "Invite", start: "2027-01-05T10:00:00Z", end: "2027-01-05T11:00:00Z", iCalUId: "o'brien@convene" });
    fake.addEvent(calendarId, { subject: "Other", start: "2027-01-05T12:00:00Z", end: "2027-01-05T13:00:00Z" });
    const found = await graph(`/v1.0/me/calendars/${calendarId}/events?$filter=${encodeURIComponent("iCalUId eq 'o''brien@convene'")}`);
    const value = ((await found.json()) as { value: Record<string, unknown>[] }).value;
    expect(value.map((event) => event.id)).toEqual([invite]);
    expect(value[0]).not.toHaveProperty("transactionId");
    const unsupported = await graph(`/v1.0/me/calendars/${calendarId}/events?$filter=${encodeURIComponent("subject eq 'Other'")}`);
    expect(unsupported.status).toBe(501);
  });

  it("stops listening and comes back on the same port with its state", async () => {
    fake.addEvent(calendarId, { subject: "Kept", start: "2027-01-05T10:00:00Z", end: "2027-01-05T11:00:00Z" });
    await fake.stopListening();
    await expect(graph("/v1.0/me/calendars")).rejects.toThrow();
    await fake.listenAgain();
    expect((await graph("/v1.0/me/calendars")).status).toBe(200);
    expect(fake.eventsOf(calendarId).map((event) => event.subject)).toEqual(["Kept"]);
  });
});
