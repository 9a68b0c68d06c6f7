// GET /api/v1/notifications/stream over a real HTTP connection: the signed-in
// user hears their own new notices and the booking events of bookings they
// reach, once the change commits (NOTIFY), and nothing of anyone else's; the
// stream starts with a comment, is capped per user, and closes cleanly when
// the client goes or the server stops.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { notifyUsers } from "../../src/use-cases/notifications/in-app-notices.js";
import { createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { deliverAll, tenantIdOf } from "../support/in-app-fixtures.js";
import { until } from "../support/polling.js";
import { mintTenantIdForTest } from "../support/tenant.js";
import { bearer, useTestApp, type Owner } from "../support/test-app.js";

type SseEvent = { event: string; data: string };

/** An open stream: the events parsed so far, the comments seen, and how to go away. */
async function openStream(baseUrl: string, headers: Record<string, string>, query = "") {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/notifications/stream${query}`, { headers: { accept: "text/event-stream", ...headers }, signal: controller.signal });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let isEnded = false;
  const reading = (async () => {
    if (!response.ok) await response.body?.cancel();
    if (!response.body || !response.ok) {
      isEnded = true;
      return;
    }
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let boundary: number;
        while ((boundary = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          let event = "message";
          const data: string[] = [];
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) comments.push(line.slice(1).trim());
            else if (line.startsWith("event: ")) event = line.slice(7);
            else if (line.startsWith("data: ")) data.push(line.slice(6));
          }
          if (data.length > 0) events.push({ event, data: data.join("\n") });
        }
      }
    } catch {
      // aborted by the test
    }
    isEnded = true;
  })();
  return {
    response,
    events,
    comments,
    isEnded: () => isEnded,
    close: async () => {
      controller.abort();
      await reading;
    },
    ended: () => reading,
  };
}

describeOnEngines("the live notification stream", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "stream", other: "stream-other" } });
  let baseUrl = "";

  beforeAll(async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  // The test's HTTP client keeps sockets alive after its streams end; the app's close would wait for them.
  afterAll(() => {
    t.app.server.closeAllConnections();
  });

  const notify = async (owner: Owner, title: string) => {
    const tenantId = mintTenantIdForTest(await tenantIdOf(t.app, owner));
    return t.deps.store.transaction((repos) => notifyUsers(repos, tenantId, [owner.userId], { kind: "source_problem", title, body: null, dedupeKey: `stream:${title}`, atMs: t.clock.nowMs }));
  };

  it("sends the user's notices and booking events as they commit, and none of another organisation's", async () => {
    const mine = await openStream(baseUrl, bearer(t.owner));
    const theirs = await openStream(baseUrl, { cookie: t.other.cookie });
    try {
      expect(mine.response.status).toBe(200);
      expect(mine.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      await until(() => mine.comments.includes("connected") && theirs.comments.includes("connected"), 10_000, () => "the streams' opening comment");

      const [written] = await notify(t.owner, "first");
      await until(() => mine.events.length >= 1, 10_000, () => `a notification event; got ${JSON.stringify(mine.events)}`);
      expect(mine.events[0]).toEqual({ event: "notification", data: JSON.stringify({ id: written!.id }) });

      // A rolled-back notice is never announced.
      const tenantId = mintTenantIdForTest(await tenantIdOf(t.app, t.owner));
      await expect(
        t.deps.store.transaction(async (repos) => {
          await notifyUsers(repos, tenantId, [t.owner.userId], { kind: "source_problem", title: "rolled back", body: null, dedupeKey: "stream:rolled-back", atMs: t.clock.nowMs });
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");

      const { booking } = await createLinkAndBook(t.app, t.owner, { link: { slug: "stream-live" } });
      await until(() => mine.events.some((event) => event.event === "booking"), 10_000, () => `a booking event; got ${JSON.stringify(mine.events)}`);
      await deliverAll(t, t.owner);
      await until(() => mine.events.filter((event) => event.event === "notification").length >= 2, 10_000, () => `the booking's notice; got ${JSON.stringify(mine.events)}`);
      expect(mine.events.map((event) => event.event)).toEqual(["notification", "booking", "notification"]);
      expect(JSON.parse(mine.events[1]!.data)).toEqual({ bookingId: booking.id, type: "created" });

      // The other organisation's stream heard none of it; its own notice reaches it alone.
      const [otherNotice] = await notify(t.other, "theirs");
      await until(() => theirs.events.length >= 1, 10_000, () => "the other organisation's own notice");
      expect(theirs.events).toEqual([{ event: "notification", data: JSON.stringify({ id: otherNotice!.id }) }]);
      expect(mine.events).toHaveLength(3);
    } finally {
      await mine.close();
      await theirs.close();
    }
  });

  it("caps open streams per user, and frees a place when a client goes", async () => {
    const streams = [];
    for (let i = 0; i < 5; i++) streams.push(await openStream(baseUrl, bearer(t.other)));
    try {
      expect(streams.map((stream) => stream.response.status)).toEqual([200, 200, 200, 200, 200]);
      const refused = await fetch(`${baseUrl}/api/v1/notifications/stream`, { headers: bearer(t.other) });
      expect(refused.status).toBe(429);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
      expect(((await refused.json()) as { code: string }).code).toBe("TOO_MANY_STREAMS");
      // Another user is not affected.
      const owners = await openStream(baseUrl, bearer(t.owner));
      expect(owners.response.status).toBe(200);
      await owners.close();

      await streams.pop()!.close();
      // The server notices the client went (the socket closes) and frees its place.
      let next: Awaited<ReturnType<typeof openStream>> | null = null;
      await until(
        async () => {
          const attempt = await openStream(baseUrl, bearer(t.other));
          if (attempt.response.status === 200) next = attempt;
          else await attempt.close();
          return next !== null;
        },
        10_000,
        () => "a place freed by the client that went",
      );
      streams.push(next!);
    } finally {
      for (const stream of streams) await stream.close();
    }
  });

  it("ends after maxSeconds, and refuses callers without a session or key", async () => {
    const short = await openStream(baseUrl, bearer(t.owner), "?maxSeconds=0");
    await short.ended();
    expect(short.isEnded()).toBe(true);
    expect(short.comments).toContain("connected");
    const anonymous = await fetch(`${baseUrl}/api/v1/notifications/stream`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { code: string }).code).toBe("UNAUTHENTICATED");
  });

});

describeOnEngines("a server closing with live streams open", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "closing" } });

  it("ends open streams when the server closes", async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const open = await openStream(baseUrl, bearer(t.owner));
    await until(() => open.comments.includes("connected"), 10_000, () => "the opening comment");
    // The server stops with a stream still open, which must not hold the close.
    await t.app.close();
    await open.ended();
    expect(open.isEnded()).toBe(true);
  });
});
