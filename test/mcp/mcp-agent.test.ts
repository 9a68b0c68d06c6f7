// An AI agent over MCP (the SDK's client, Streamable HTTP on loopback): it reads
// the clock, finds a free time in the prospect's zone, books through a Jitsi
// link, reads the meeting link, moves and cancels the meeting — with the emails
// and calendar events that any booking causes, and every call audited.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectCalendar } from "../../src/use-cases/calendars/connections.js";
import { createLink, createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { deliverAll } from "../support/in-app-fixtures.js";
import { tenantIdOf } from "../support/analytics-fixtures.js";
import { callTool, connectAgent, serveMcp, textOf } from "../support/mcp-client.js";
import { bearer, TEST_JITSI_BASE_URL, useTestApp, type Owner } from "../support/test-app.js";

type Mail = { to: { email: string }; subject: string };

describeOnEngines("MCP agent session", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "mcp-owner", stranger: "mcp-stranger" } });
  let mcpUrl = "";
  let agent: Client;
  const clients: Client[] = [];

  beforeAll(async () => {
    mcpUrl = await serveMcp(t.app);
    agent = await connectAgent(mcpUrl, t.owner.apiKey);
    clients.push(agent);
  });
  afterAll(async () => {
    for (const client of clients) await client.close();
  });

  const outbox = async (): Promise<Mail[]> => (await t.app.inject({ method: "GET", url: "/api/v1/dev/outbox?limit=500", headers: bearer(t.owner) })).json().items;

  it("lists every tool with its schemas and annotations", async () => {
    const { tools } = await agent.listTools();
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect([...byName.keys()].sort()).toEqual(
      ["book_meeting", "cancel_meeting", "check_availability", "create_booking_link", "find_lead", "get_current_time", "get_funnel", "get_meeting", "hold_slot", "list_links", "list_meetings", "mark_attendance", "reschedule_meeting"].sort(),
    );
    for (const tool of tools) {
      expect(tool.description, tool.name).toBeTruthy();
      expect(tool.outputSchema?.type, tool.name).toBe("object");
      expect(typeof tool.annotations?.readOnlyHint, tool.name).toBe("boolean");
      expect(typeof tool.annotations?.destructiveHint, tool.name).toBe("boolean");
    }
    expect(byName.get("cancel_meeting")!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.get("check_availability")!.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.get("book_meeting")!.annotations).toMatchObject({ readOnlyHint: false, idempotentHint: false });
    const check = byName.get("check_availability")!.inputSchema as { properties: Record<string, { description?: string }>; required?: string[] };
    expect(check.required).toEqual(["timeZone"]);
    expect(check.properties["hostUserIds"]!.description).toMatch(/team/);
    expect(check.properties["timeZone"]!.description).toMatch(/IANA/);
  });

  it("books, reads, moves and cancels a meeting in the prospect's zone, with emails and calendar events", async () => {
    const tenantId = await tenantIdOf(t.app, t.owner);
    const accountId = `mcp-${engine}`;
    const calendarId = t.calendarServer.addCalendar(accountId, { name: "primary" });
    const ctx = { auth: { tenantId, userId: t.owner.userId, role: "owner" as const, actor: { type: "user" as const, id: t.owner.userId }, sessionId: null, csrfToken: null }, ip: null, nowMs: t.clock.nowMs };
    await connectCalendar(t.deps, ctx, { kind: "memory", accountId }, { provider: "memory", label: accountId, serverUrl: "memory:", username: null });
    const link = await createLink(t.app, t.owner, { slug: "mcp-jitsi", location: { type: "jitsi" } });

    const now = await callTool(agent, "get_current_time", { timeZone: "Asia/Tokyo" });
    expect(now.isError).toBeFalsy();
    expect(now.structuredContent).toMatchObject({ now: { timeZone: "Europe/Berlin", local: "2026-11-20T13:00:00+01:00" }, nowUtc: "2026-11-20T12:00:00.000Z", prospect: { local: "2026-11-20T21:00:00+09:00" } });

    const links = await callTool(agent, "list_links");
    expect((links.structuredContent as { links: { id: string; location: string }[] }).links).toContainEqual(expect.objectContaining({ id: link.id, location: "jitsi" }));

    // The link's New York hours (09:00–17:00) are 23:00–07:00 the next day in Tokyo.
    const asked = await callTool(agent, "check_availability", { linkId: link.id, timeZone: "Asia/Tokyo", from: "2026-12-01T00:00:00+09:00", to: "2026-12-02T12:00:00+09:00", at: "2026-12-01T14:00:00+09:00" });
    expect(asked.isError, textOf(asked)).toBeFalsy();
    const availability = asked.structuredContent as { timeZone: string; days: { date: string; slots: { start: { local: string; utc: string } }[] }[]; requested: { isFree: boolean; reasons: { code: string }[]; nearest: { start: { local: string } }[] } };
    expect(availability.timeZone).toBe("Asia/Tokyo");
    expect(availability.days.map((day) => day.date)).toEqual(["2026-12-01", "2026-12-02"]);
    // Monday 10:00 in New York (the first start at least a notice ahead) is Tuesday 00:00 in Tokyo.
    expect(availability.days[0]!.slots[0]!.start).toEqual({ utc: "2026-11-30T15:00:00.000Z", local: "2026-12-01T00:00:00+09:00", timeZone: "Asia/Tokyo" });
    expect(availability.days[0]!.slots.map((slot) => slot.start.local)).toContain("2026-12-01T23:00:00+09:00");
    // 14:00 in Tokyo is midnight in New York: outside hours, and the nearest free times are offered.
    expect(availability.requested.isFree).toBe(false);
    expect(availability.requested.reasons[0]!.code).toBe("OUTSIDE_HOURS");
    expect(availability.requested.nearest[0]!.start.local).toMatch(/^2026-12-0[12]T/);

    const booked = await callTool(agent, "book_meeting", {
      linkId: link.id,
      start: "2026-12-01T23:00:00+09:00",
      timeZone: "Asia/Tokyo",
      attendee: { name: "Kenji Sato", email: "kenji@example.jp" },
      notes: "Pricing questions",
    });
    expect(booked.isError, textOf(booked)).toBeFalsy();
    const { meeting, location } = booked.structuredContent as { meeting: { id: string; start: { local: string }; sequence: number }; location: { type: string; url: string } };
    expect(meeting.start.local).toBe("2026-12-01T23:00:00+09:00");
    expect(location.type).toBe("jitsi");
    expect(location.url.startsWith(TEST_JITSI_BASE_URL)).toBe(true);

    const read = await callTool(agent, "get_meeting", { meetingId: meeting.id });
    expect(read.structuredContent).toMatchObject({ meeting: { id: meeting.id, status: "scheduled", invitee: { email: "kenji@example.jp", timeZone: "Asia/Tokyo" }, notes: "Pricing questions" }, location: { url: location.url } });
    await deliverAll(t, t.owner);
    expect(t.calendarServer.objects(calendarId)).toHaveLength(1);
    expect(t.calendarServer.objects(calendarId)[0]!.ics).toContain("DTSTART:20261201T140000Z");

    const taken = await callTool(agent, "book_meeting", { linkId: link.id, start: "2026-12-01T23:00:00+09:00", timeZone: "Asia/Tokyo", attendee: { name: "Yuki", email: "yuki@example.jp" } });
    expect(taken.isError).toBe(true);
    expect(textOf(taken)).toMatch(/^SLOT_TAKEN: That time was just taken; nearest free times: 2026-12-01T23:30:00\+09:00/);

    const moved = await callTool(agent, "reschedule_meeting", { meetingId: meeting.id, start: "2026-12-02T00:00:00+09:00", sequence: meeting.sequence });
    expect(moved.isError, textOf(moved)).toBeFalsy();
    expect(moved.structuredContent).toMatchObject({ meeting: { status: "rescheduled", start: { utc: "2026-12-01T15:00:00.000Z" } } });
    await deliverAll(t, t.owner);
    expect(t.calendarServer.objects(calendarId)[0]!.ics).toContain("DTSTART:20261201T150000Z");

    const stale = await callTool(agent, "cancel_meeting", { meetingId: meeting.id, sequence: meeting.sequence });
    expect(textOf(stale)).toMatch(/^BOOKING_CHANGED: .*get_meeting/);
    const cancelled = await callTool(agent, "cancel_meeting", { meetingId: meeting.id, reason: "Prospect found another slot" });
    expect(cancelled.structuredContent).toMatchObject({ meeting: { status: "cancelled", cancelReason: "Prospect found another slot" } });
    await deliverAll(t, t.owner);
    expect(t.calendarServer.objects(calendarId)).toHaveLength(0);

    const toKenji = (await outbox()).filter((mail) => mail.to.email === "kenji@example.jp").map((mail) => mail.subject);
    expect(toKenji).toHaveLength(3);
    expect(toKenji.join("\n")).toMatch(/cancel/i);

    const audit = (await t.app.inject({ method: "GET", url: "/api/v1/audit-log?limit=200", headers: bearer(t.owner) })).json().items as { action: string; actor: { type: string }; changes: { tool: string; userId: string; errorCode?: string } | null }[];
    const calls = audit.filter((entry) => entry.action === "mcp.tool_called");
    expect(calls.map((entry) => entry.changes!.tool)).toEqual(expect.arrayContaining(["get_current_time", "check_availability", "book_meeting", "reschedule_meeting", "cancel_meeting"]));
    const refused = calls.find((entry) => entry.changes!.errorCode === "SLOT_TAKEN")!;
    expect(refused.actor.type).toBe("api_key");
    expect(refused.changes!.userId).toBe(t.owner.userId);
  });

  it("finds a time in the owner's own hours, holds it against a racing invitee, books it with a Jitsi room, moves and cancels it", async () => {
    const link = await createLink(t.app, t.owner, { slug: "mcp-race", timeZone: "Europe/Berlin", weeklyHours: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }] });
    // No link: the owner's own working hours (Mon–Fri 09:00–17:00 Berlin, everyone's default), asked from New York.
    const asked = await callTool(agent, "check_availability", { timeZone: "America/New_York", from: "2026-11-23T00:00:00+01:00", to: "2026-11-24T00:00:00+01:00", durationMin: 30, at: "2026-11-23T02:00:00-05:00" });
    expect(asked.isError, textOf(asked)).toBeFalsy();
    const availability = asked.structuredContent as { days: { slots: { start: { local: string } }[] }[]; requested: { isFree: boolean; reasons: { code: string }[]; nearest: { start: { local: string } }[] } };
    expect(availability.days.flatMap((day) => day.slots).map((slot) => slot.start.local)[0]).toBe("2026-11-23T03:00:00-05:00");
    expect(availability.requested.isFree).toBe(false);
    expect(availability.requested.reasons.map((reason) => reason.code)).toContain("OUTSIDE_HOURS");
    expect(availability.requested.nearest[0]!.start.local).toBe("2026-11-23T03:00:00-05:00");

    const held = await callTool(agent, "hold_slot", { start: "2026-11-23T04:00:00-05:00", timeZone: "America/New_York", durationMin: 30, ttlMinutes: 10 });
    expect(held.isError, textOf(held)).toBeFalsy();
    const { holdToken } = held.structuredContent as { holdToken: string; expiresAt: string };
    // While the agent confirms, an invitee on the owner's booking page cannot take the held time.
    const racing = await t.app.inject({ method: "POST", url: `${new URL(link.apiUrl).pathname}/bookings`, payload: { start: "2026-11-23T09:00:00.000Z", timeZone: "UTC", name: "Racer", email: "racer@example.com", answers: {} } });
    expect(racing.statusCode).toBe(409);
    expect(racing.json().code).toBe("SLOT_TAKEN");

    const booked = await callTool(agent, "book_meeting", {
      start: "2026-11-23T04:00:00-05:00",
      timeZone: "America/New_York",
      durationMin: 30,
      holdToken,
      title: "Intro with Dana",
      location: { kind: "jitsi" },
      attendee: { name: "Dana Ruiz", email: "dana@example.com" },
    });
    expect(booked.isError, textOf(booked)).toBeFalsy();
    const { meeting, location } = booked.structuredContent as { meeting: { id: string; sequence: number }; location: { type: string; url: string } };
    expect(location.type).toBe("jitsi");
    expect(location.url.startsWith(TEST_JITSI_BASE_URL)).toBe(true);
    const reused = await callTool(agent, "book_meeting", { start: "2026-11-23T04:00:00-05:00", timeZone: "America/New_York", durationMin: 30, holdToken, attendee: { name: "Dana Ruiz", email: "dana@example.com" } });
    expect(textOf(reused)).toMatch(/^HOLD_NOT_FOUND: /);
    await deliverAll(t, t.owner);

    const moved = await callTool(agent, "reschedule_meeting", { meetingId: meeting.id, start: "2026-11-23T05:00:00-05:00", sequence: meeting.sequence });
    expect(moved.isError, textOf(moved)).toBeFalsy();
    await deliverAll(t, t.owner);
    const cancelled = await callTool(agent, "cancel_meeting", { meetingId: meeting.id, reason: "Dana is travelling" });
    expect(cancelled.structuredContent).toMatchObject({ meeting: { status: "cancelled" } });
    await deliverAll(t, t.owner);
    const toDana = (await outbox()).filter((mail) => mail.to.email === "dana@example.com").map((mail) => mail.subject);
    expect(toDana).toHaveLength(3);
    expect(toDana.join("\n")).toMatch(/Intro with Dana/);
  });

  it("answers mistakes as tool errors with a code and what to do", async () => {
    const link = await createLink(t.app, t.owner, { slug: "mcp-errors" });
    const badZone = await callTool(agent, "check_availability", { linkId: link.id, timeZone: "Mars/Olympus" });
    expect(badZone.isError).toBe(true);
    expect(textOf(badZone)).toMatch(/^UNKNOWN_TIME_ZONE: .*Fix the arguments/);
    const noSuch = await callTool(agent, "get_meeting", { meetingId: "00000000-0000-4000-8000-000000000000" });
    expect(textOf(noSuch)).toMatch(/^NOT_FOUND: .*list_meetings/);
    const schema = await callTool(agent, "book_meeting", { linkId: link.id, start: "tomorrow at 2pm", timeZone: "UTC", attendee: { name: "A", email: "a@example.com" } });
    expect(schema.isError).toBe(true);
    const leads = await callTool(agent, "find_lead", { query: "nobody" });
    expect(leads.structuredContent).toMatchObject({ leads: [], hint: expect.stringMatching(/create_booking_link/) });
    const sentence = await callTool(agent, "create_booking_link", { linkId: link.id, recipient: { name: "Grace Hopper", email: "grace@example.com" }, topic: "the demo" });
    expect(sentence.isError, textOf(sentence)).toBeFalsy();
    expect((sentence.structuredContent as { message: string; bookingUrl: string }).message).toContain((sentence.structuredContent as { bookingUrl: string }).bookingUrl);
  });

  it("keeps other organisations' and other members' meetings out of reach", async () => {
    const { booking } = await createLinkAndBook(t.app, t.owner, { link: { slug: "mcp-private" }, start: "2026-12-03T14:00:00.000Z" });
    const stranger = await connectAgent(mcpUrl, t.stranger.apiKey);
    clients.push(stranger);
    for (const [tool, args] of [["get_meeting", { meetingId: booking.id }], ["cancel_meeting", { meetingId: booking.id }]] as const) {
      expect(textOf(await callTool(stranger, tool, args))).toMatch(/^NOT_FOUND/);
    }
    const member = await addMember(t.owner);
    const memberAgent = await connectAgent(mcpUrl, member.apiKey);
    clients.push(memberAgent);
    expect(textOf(await callTool(memberAgent, "cancel_meeting", { meetingId: booking.id }))).toMatch(/^NOT_FOUND/);
    expect((await callTool(memberAgent, "list_meetings")).structuredContent).toEqual({ meetings: [], nextCursor: null });
    expect((await callTool(agent, "get_meeting", { meetingId: booking.id })).structuredContent).toMatchObject({ meeting: { status: "scheduled" } });
  });

  async function addMember(owner: Owner): Promise<Owner> {
    const email = `mcp-member-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const password = "correct horse battery staple";
    const added = await t.app.inject({ method: "POST", url: "/api/v1/members", headers: bearer(owner), payload: { email, name: "Member", timeZone: "Europe/Berlin", password } });
    expect(added.statusCode, added.body).toBe(201);
    const login = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
    const cookie = `convene_session=${login.cookies.find((c) => c.name === "convene_session")!.value}`;
    const key = await t.app.inject({ method: "POST", url: "/api/v1/api-keys", headers: { cookie, "x-csrf-token": login.json().csrfToken }, payload: { name: "member key" } });
    return { email, password, cookie, csrfToken: login.json().csrfToken, apiKey: key.json().key, userId: added.json().id };
  }
});

describe("the /mcp endpoint's gate", () => {
  const t = useTestApp("pglite", { owners: { owner: "mcp-gate" } });
  const initialize = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } } };
  const post = (headers: Record<string, string>) =>
    t.app.inject({ method: "POST", url: "/mcp", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", host: "127.0.0.1:3000", ...headers }, payload: initialize });

  it("answers 401 with WWW-Authenticate without a valid API key, and never takes a session cookie", async () => {
    for (const headers of [{}, { authorization: "Bearer cv_nope" }, { cookie: t.owner.cookie }] as Record<string, string>[]) {
      const response = await post(headers);
      expect(response.statusCode).toBe(401);
      expect(response.headers["www-authenticate"]).toMatch(/^Bearer /);
      expect(response.headers["content-type"]).toMatch(/problem\+json/);
      expect(response.json().code).toBe("UNAUTHENTICATED");
    }
  });

  it("refuses a rebinding Host or Origin before anything else, and answers loopback and PUBLIC_URL", async () => {
    for (const headers of [{ host: "evil.example.com" }, { origin: "http://evil.example.com" }] as Record<string, string>[]) {
      const response = await post({ ...bearer(t.owner), ...headers });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe("HOST_NOT_ALLOWED");
    }
    for (const host of ["127.0.0.1:3000", "convene.test"]) {
      const response = await post({ ...bearer(t.owner), host });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().result.serverInfo.name).toBe("convene");
    }
  });

  it("answers GET and DELETE with 405: no sessions, no server stream", async () => {
    for (const method of ["GET", "DELETE"] as const) {
      const response = await t.app.inject({ method, url: "/mcp", headers: { ...bearer(t.owner), host: "127.0.0.1" } });
      expect(response.statusCode).toBe(405);
      expect(response.headers["allow"]).toBe("POST");
    }
  });
});
