// Races on one booking, on one host's time and on one name (issue 10, items
// 1–4 and 20). They are real races only on PostgreSQL; on PGlite, which runs
// one statement at a time, they must give the same answers.
import { expect, it } from "vitest";
import { book, bookingDetail, createLink, createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, signUpOwner, useTestApp } from "../support/test-app.js";

// All bookings are on one owner's time: each test books on its own days.
const DAY = "2026-12-01";
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describeOnEngines("races", (engine) => {
  const t = useTestApp(engine, {
    rateLimits: { publicBookingsPerMinute: 100_000, publicReadsPerMinute: 100_000, signInPerMinute: 1000, signUpPerMinute: 1000 },
    owners: { owner: "racer" },
  });

  async function booked(slug: string, start: string) {
    const { link, booking, managePath } = await createLinkAndBook(t.app, t.owner, { link: { slug }, start });
    return { link, id: booking.id, manage: managePath };
  }

  const detailOf = (id: string) => bookingDetail(t.app, t.owner, id);
  const actionsOf = (detail: { history: { action: string }[] }) => detail.history.map((entry) => entry.action);
  const answers = (responses: { statusCode: number; json(): { code?: string } }[]) =>
    responses.map((r) => (r.statusCode === 200 ? "200" : `${r.statusCode} ${r.json().code}`)).sort();

  it("ten concurrent cancels through the manage link: one 200, nine 409 BOOKING_NOT_ACTIVE, one history row", async () => {
    for (const hour of ["14", "16", "18"]) {
      const { id, manage } = await booked(`cancel-race-${hour}`, `${DAY}T${hour}:00:00.000Z`);
      const responses = await Promise.all(Array.from({ length: 10 }, () => t.app.inject({ method: "POST", url: `${manage}/cancel`, payload: { reason: "race" } })));
      expect(answers(responses)).toEqual(["200", ...Array.from({ length: 9 }, () => "409 BOOKING_NOT_ACTIVE")]);
      const detail = await detailOf(id);
      expect(actionsOf(detail)).toEqual(["created", "cancelled"]);
      expect(detail).toMatchObject({ status: "cancelled", sequence: 1 });
    }
  });

  it("an invitee's cancel racing the owner's reschedule: exactly one wins, and a cancel is never undone", async () => {
    for (const [i, day] of ["2026-12-02", "2026-12-03", "2026-12-04", "2026-12-07", "2026-12-08"].entries()) {
      const { id, manage } = await booked(`cancel-vs-move-${i}`, `${day}T14:00:00.000Z`);
      const [cancel, move] = await Promise.all([
        t.app.inject({ method: "POST", url: `${manage}/cancel`, payload: {} }),
        t.app.inject({ method: "POST", url: `/api/v1/bookings/${id}/reschedule`, headers: bearer(t.owner), payload: { start: `${day}T16:00:00.000Z` } }),
      ]);
      const statuses = [cancel.statusCode, move.statusCode].sort();
      expect(statuses, `${cancel.body} ${move.body}`).toEqual([200, 409]);
      const loser = cancel.statusCode === 409 ? cancel : move;
      expect(["BOOKING_NOT_ACTIVE", "BOOKING_CHANGED"]).toContain(loser.json().code);
      const detail = await detailOf(id);
      expect(detail.sequence).toBe(1);
      if (cancel.statusCode === 200) {
        expect(detail.status).toBe("cancelled");
        expect(actionsOf(detail)).toEqual(["created", "cancelled"]);
      } else {
        expect(detail).toMatchObject({ status: "rescheduled", start: `${day}T16:00:00.000Z` });
        expect(actionsOf(detail)).toEqual(["created", "rescheduled"]);
      }
    }
  });

  const freeStarts = async (apiPath: string, day: string) => {
    const slots = (await t.app.inject({ method: "GET", url: `${apiPath}/slots?from=${day}T00:00:00Z&to=${nextDay(day)}T00:00:00Z` })).json();
    return slots.days.flatMap((day: { slots: { start: string }[] }) => day.slots.map((slot) => slot.start)) as string[];
  };
  const targetsOn = (day: string) => Array.from({ length: 10 }, (_, i) => new Date(Date.parse(`${day}T15:00:00.000Z`) + i * 30 * 60_000).toISOString());

  it("ten concurrent reschedules of one booking that all saw SEQUENCE 0: one wins, nine 409 BOOKING_CHANGED, one hold", async () => {
    const day = "2026-12-09";
    const targets = targetsOn(day);
    const { link, id } = await booked("move-race", `${day}T14:00:00.000Z`);
    const responses = await Promise.all(
      targets.map((start) => t.app.inject({ method: "POST", url: `/api/v1/bookings/${id}/reschedule`, headers: bearer(t.owner), payload: { start, sequence: 0 } })),
    );
    expect(answers(responses)).toEqual(["200", ...Array.from({ length: 9 }, () => "409 BOOKING_CHANGED")]);
    const winner = responses.find((r) => r.statusCode === 200)!.json();
    const detail = await detailOf(id);
    expect(detail).toMatchObject({ sequence: 1, status: "rescheduled", start: winner.start });
    expect(actionsOf(detail)).toEqual(["created", "rescheduled"]);
    // Only the winner's time is held: every other target is offered again.
    const free = await freeStarts(link.apiPath, day);
    expect(targets.filter((start) => !free.includes(start))).toEqual([winner.start]);
  });

  it("ten concurrent reschedules without a SEQUENCE: never a 500, each winner a new SEQUENCE, one hold", async () => {
    const day = "2026-12-10";
    const targets = targetsOn(day);
    const { link, id } = await booked("move-race-blind", `${day}T14:00:00.000Z`);
    const responses = await Promise.all(
      targets.map((start) => t.app.inject({ method: "POST", url: `/api/v1/bookings/${id}/reschedule`, headers: bearer(t.owner), payload: { start } })),
    );
    // Requests that saw the same version: one wins. (On PGlite, which runs them one after another, each sees the last.)
    expect(answers(responses).filter((answer) => answer !== "200" && answer !== "409 BOOKING_CHANGED")).toEqual([]);
    const winners = responses.filter((r) => r.statusCode === 200).map((r) => r.json() as { sequence: number; start: string });
    const sequences = winners.map((w) => w.sequence).sort((a, b) => a - b);
    expect(sequences).toEqual(winners.map((_, i) => i + 1));
    const detail = await detailOf(id);
    const last = winners.find((w) => w.sequence === winners.length)!;
    expect(detail).toMatchObject({ sequence: winners.length, start: last.start });
    expect(actionsOf(detail)).toEqual(["created", ...winners.map(() => "rescheduled")]);
    const free = await freeStarts(link.apiPath, day);
    expect(targets.filter((start) => !free.includes(start))).toEqual([last.start]);
  });

  it("a change that names a stale SEQUENCE gets 409 BOOKING_CHANGED; the current one goes through", async () => {
    const { id, manage } = await booked("explicit-sequence", "2026-12-11T14:00:00.000Z");
    const moved = await t.app.inject({ method: "POST", url: `/api/v1/bookings/${id}/reschedule`, headers: bearer(t.owner), payload: { start: "2026-12-11T15:00:00.000Z", sequence: 0 } });
    expect(moved.statusCode, moved.body).toBe(200);
    const stale = await t.app.inject({ method: "POST", url: `${manage}/cancel`, payload: { sequence: 0 } });
    expect([stale.statusCode, stale.json().code]).toEqual([409, "BOOKING_CHANGED"]);
    const staleOwner = await t.app.inject({ method: "POST", url: `/api/v1/bookings/${id}/cancel`, headers: bearer(t.owner), payload: { sequence: 0 } });
    expect([staleOwner.statusCode, staleOwner.json().code]).toEqual([409, "BOOKING_CHANGED"]);
    const current = await t.app.inject({ method: "POST", url: `${manage}/cancel`, payload: { sequence: 1 } });
    expect(current.statusCode, current.body).toBe(200);
    expect(actionsOf(await detailOf(id))).toEqual(["created", "rescheduled", "cancelled"]);
  });

  it("rounds of 10 concurrent bookings of partly overlapping times (30/60 min, 15-min grid, 10-min buffer): only 201 or 409, no overlap", async () => {
    // Before host locks were taken for every booking, 2 rounds in 3 had a 500 (deadlock on the GiST exclusion index).
    const link = await createLink(t.app, t.owner, { slug: "overlap-race", durationsMin: [30, 60], slotIntervalMin: 15, bufferAfterMin: 10 });
    for (const day of ["2026-12-14", "2026-12-15", "2026-12-16", "2026-12-17", "2026-12-18"]) {
      const requests = Array.from({ length: 10 }, (_, i) => ({ start: new Date(Date.parse(`${day}T14:00:00.000Z`) + (i % 4) * 15 * 60_000).toISOString(), durationMin: i % 2 ? 60 : 30 }));
      const responses = await Promise.all(requests.map((r, i) => book(t.app, link.apiPath, r.start, { durationMin: r.durationMin, email: `overlap${i}@example.com` })));
      expect(responses.filter((r) => r.statusCode !== 201 && r.statusCode !== 409).map((r) => r.body)).toEqual([]);
      const made = responses.filter((r) => r.statusCode === 201).map((r) => r.json() as { start: string; end: string });
      expect(made.length).toBeGreaterThan(0);
      // Held times (meeting + 10-minute buffer after) never overlap.
      const held = made.map((b) => [Date.parse(b.start), Date.parse(b.end) + 10 * 60_000] as const).sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < held.length; i++) expect(held[i]![0]).toBeGreaterThanOrEqual(held[i - 1]![1]);
    }
  });

  it("ten concurrent sign-ups with the same name each get their own handle", async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.app.inject({
          method: "POST",
          url: "/api/v1/auth/signup",
          payload: { email: `twin${i}-${engine}@example.com`, password: "correct horse battery staple", name: "Grace Hopper", organization: `Twins ${i}`, timeZone: "UTC" },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode), responses.map((r) => r.body).join("\n")).toEqual(Array.from({ length: 10 }, () => 201));
    const handles = responses.map((r) => r.json().user.handle as string);
    expect(new Set(handles).size).toBe(10);
    expect(handles.every((handle) => handle.startsWith("grace-hopper"))).toBe(true);
  });

  it("ten concurrent member adds with the same name each get their own handle", async () => {
    const boss = await signUpOwner(t.app, "team");
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.app.inject({ method: "POST", url: "/api/v1/members", headers: bearer(boss), payload: { email: `same${i}-${engine}@example.com`, name: "Alan Turing", timeZone: "UTC" } }),
      ),
    );
    expect(responses.map((r) => r.statusCode), responses.map((r) => r.body).join("\n")).toEqual(Array.from({ length: 10 }, () => 201));
    expect(new Set(responses.map((r) => r.json().handle)).size).toBe(10);
  });

  it("adding a member whose address has an account elsewhere does not say so", async () => {
    const boss = await signUpOwner(t.app, "privacy");
    const elsewhere = await signUpOwner(t.app, "elsewhere");
    const add = (email: string) => t.app.inject({ method: "POST", url: "/api/v1/members", headers: bearer(boss), payload: { email, name: "Someone", timeZone: "UTC" } });
    const taken = await add(elsewhere.email);
    expect(taken.json().code).not.toBe("EMAIL_TAKEN");
    expect(JSON.stringify(taken.json())).not.toMatch(/exist|account|taken/i);
    // An address that cannot be added for another reason answers the same, byte for byte (but the request id).
    const other = await add("postmaster@convene.test");
    const withoutId = (r: typeof taken) => ({ status: r.statusCode, body: { ...r.json(), requestId: undefined } });
    expect(withoutId(taken)).toEqual(withoutId(other));
    // Its own members it may name.
    const member = await add(`own-${engine}@example.com`);
    expect(member.statusCode).toBe(201);
    const again = await add(`own-${engine}@example.com`);
    expect([again.statusCode, again.json().code]).toEqual([409, "EMAIL_TAKEN"]);
  });
});
