// Calendly's webhook adapter against signed fixtures built from Calendly's
// documented payloads: every trigger, the reschedule pair, and every way a
// signature can be wrong.
import { describe, expect, it } from "vitest";
import { calendlyWebhook } from "../../src/adapters/inbound/calendly/calendly-webhook.js";
import { ConveneError } from "../../src/core/errors.js";
import {
  calendlyDeliveryBody,
  calendlySignature,
  inviteeCanceled,
  inviteeCanceledForReschedule,
  inviteeCreated,
  inviteeCreatedAfterReschedule,
  inviteeUri,
  noShowCreated,
  noShowDeleted,
  routingFormSubmissionCreated,
  signedCalendlyDelivery,
  type InviteeFixture,
} from "../fakes/calendly/webhook-payloads.js";

const KEY = "whsk_test_signing_key_0123456789";
const NOW_MS = Date.parse("2026-03-02T10:00:00Z");
const START_MS = Date.parse("2026-03-10T15:00:00Z");

const ada: InviteeFixture = {
  eventUuid: "EVENT1",
  inviteeUuid: "INV1",
  email: "Ada@Example.com",
  name: "Ada Lovelace",
  startMs: START_MS,
  endMs: START_MS + 30 * 60_000,
  eventName: "Intro call",
  hostEmail: "host@convene.test",
  timezone: "Europe/London",
  joinUrl: "https://zoom.us/j/999",
  questions: [{ question: "Company", answer: "Analytical Engines Ltd" }],
  guests: ["babbage@example.com"],
};

function parse(event: string, payload: Record<string, unknown>, atMs = NOW_MS) {
  const { rawBody, headers } = signedCalendlyDelivery(event, payload, KEY, atMs);
  expect(calendlyWebhook.verifySignature(rawBody, headers, KEY, NOW_MS)).toEqual({ isValid: true });
  return calendlyWebhook.parseDelivery(rawBody);
}

describe("Calendly webhook: triggers", () => {
  it("invitee.created is a booking with the invitee's URI as uid and every documented detail", () => {
    const parsed = parse("invitee.created", inviteeCreated(ada));
    expect(parsed.trigger).toBe("invitee.created");
    expect(parsed.ignoredBecause).toBeNull();
    expect(parsed.changes).toEqual([
      {
        kind: "booked",
        uid: inviteeUri("EVENT1", "INV1"),
        previousUid: null,
        isRescheduleCancel: false,
        title: "Intro call",
        startMs: START_MS,
        endMs: START_MS + 30 * 60_000,
        attendees: [
          { name: "Ada Lovelace", email: "Ada@Example.com", timeZone: "Europe/London" },
          { name: "babbage@example.com", email: "babbage@example.com", timeZone: null },
        ],
        hostEmail: "host@convene.test",
        cancelReason: null,
        meetingUrl: "https://zoom.us/j/999",
        attendance: null,
        answers: { Company: "Analytical Engines Ltd" },
        occurredAtMs: NOW_MS,
      },
    ]);
  });

  it("invitee.canceled is a cancellation with Calendly's reason", () => {
    const [change] = parse("invitee.canceled", inviteeCanceled(ada, "Found another vendor", NOW_MS - 1000)).changes;
    expect(change).toMatchObject({ kind: "cancelled", uid: inviteeUri("EVENT1", "INV1"), isRescheduleCancel: false, cancelReason: "Found another vendor" });
  });

  it("a reschedule arrives as a cancel with rescheduled: true and a create naming the old invitee", () => {
    const moved: InviteeFixture = { ...ada, eventUuid: "EVENT2", inviteeUuid: "INV2", startMs: START_MS + 86_400_000, endMs: START_MS + 86_400_000 + 30 * 60_000 };
    const oldUri = inviteeUri("EVENT1", "INV1");
    const newUri = inviteeUri("EVENT2", "INV2");
    const [cancel] = parse("invitee.canceled", inviteeCanceledForReschedule(ada, newUri, NOW_MS)).changes;
    const [create] = parse("invitee.created", inviteeCreatedAfterReschedule(moved, oldUri), NOW_MS + 1).changes;
    expect(cancel).toMatchObject({ kind: "cancelled", uid: oldUri, isRescheduleCancel: true, cancelReason: null });
    expect(create).toMatchObject({ kind: "rescheduled", uid: newUri, previousUid: oldUri, startMs: moved.startMs, isRescheduleCancel: false });
  });

  it("invitee_no_show.created marks a no-show; invitee_no_show.deleted removes the mark", () => {
    expect(parse("invitee_no_show.created", noShowCreated(ada, NOW_MS)).changes).toMatchObject([{ kind: "attendance", attendance: "no_show", uid: inviteeUri("EVENT1", "INV1") }]);
    expect(parse("invitee_no_show.deleted", noShowDeleted(ada)).changes).toMatchObject([{ kind: "attendance", attendance: null, uid: inviteeUri("EVENT1", "INV1") }]);
  });

  it("other triggers are acknowledged and ignored with a reason", () => {
    const parsed = parse("routing_form_submission.created", routingFormSubmissionCreated());
    expect(parsed.changes).toEqual([]);
    expect(parsed.ignoredBecause).toMatch(/routing_form_submission\.created/);
  });

  it("a retry of one delivery keeps its dedupe key (even re-signed later); another event about the same invitee does not", () => {
    const first = parse("invitee.created", inviteeCreated(ada));
    const body = calendlyDeliveryBody("invitee.created", inviteeCreated(ada), NOW_MS);
    const retry = calendlyWebhook.parseDelivery(Buffer.from(JSON.stringify(JSON.parse(body), null, 2)));
    expect(retry.dedupeKey).toBe(first.dedupeKey);
    expect(parse("invitee.created", inviteeCreated(ada), NOW_MS + 1000).dedupeKey).not.toBe(first.dedupeKey);
    expect(parse("invitee.canceled", inviteeCanceled(ada, "x", NOW_MS)).dedupeKey).not.toBe(first.dedupeKey);
  });
});

describe("Calendly webhook: malformed bodies", () => {
  const invalid = (raw: string) => {
    try {
      calendlyWebhook.parseDelivery(Buffer.from(raw));
    } catch (error) {
      expect(error).toBeInstanceOf(ConveneError);
      expect((error as ConveneError).code).toBe("INBOUND_PAYLOAD_INVALID");
      return (error as ConveneError).message;
    }
    throw new Error("parseDelivery accepted a malformed body");
  };

  it("rejects non-JSON, a body without event/payload, and an invitee without its scheduled event", () => {
    expect(invalid("not json")).toMatch(/not JSON/);
    expect(invalid(JSON.stringify({ hello: "world" }))).toMatch(/event/);
    const { scheduled_event: _dropped, ...noEvent } = inviteeCreated(ada);
    expect(invalid(calendlyDeliveryBody("invitee.created", noEvent, NOW_MS))).toMatch(/scheduled_event/);
    expect(invalid(calendlyDeliveryBody("invitee.created", { ...inviteeCreated(ada), email: 42 }, NOW_MS))).toMatch(/email/);
  });

  it("tolerates fields Calendly may add", () => {
    const parsed = parse("invitee.created", { ...inviteeCreated(ada), some_new_field: { nested: true } });
    expect(parsed.changes).toHaveLength(1);
  });
});

describe("Calendly webhook: signatures", () => {
  const { rawBody, headers } = signedCalendlyDelivery("invitee.created", inviteeCreated(ada), KEY, NOW_MS);
  const header = headers["calendly-webhook-signature"]!;
  const check = (signature: string | undefined, body = rawBody, nowMs = NOW_MS, key = KEY) =>
    calendlyWebhook.verifySignature(body, signature === undefined ? {} : { "calendly-webhook-signature": signature }, key, nowMs);

  it("accepts the documented signature, and a header with an unknown extra scheme", () => {
    expect(check(header)).toEqual({ isValid: true });
    expect(check(`${header},v0=abc`)).toEqual({ isValid: true });
  });

  it("rejects a missing header", () => {
    expect(check(undefined)).toEqual({ isValid: false, reason: "missing" });
    expect(check("")).toEqual({ isValid: false, reason: "missing" });
  });

  it("rejects malformed headers", () => {
    for (const bad of ["garbage", "t=abc,v1=00", `v1=${"a".repeat(64)}`, `t=${NOW_MS / 1000}`, `t=${NOW_MS / 1000},v1=xyz`, `t=${NOW_MS / 1000},v1=${"a".repeat(63)}`]) {
      expect(check(bad), bad).toEqual({ isValid: false, reason: "malformed" });
    }
  });

  it("rejects a wrong key, a changed body and a signature over another timestamp", () => {
    expect(check(header, rawBody, NOW_MS, "another key")).toEqual({ isValid: false, reason: "mismatch" });
    expect(check(header, Buffer.concat([rawBody, Buffer.from(" ")]))).toEqual({ isValid: false, reason: "mismatch" });
    const v1 = header.split("v1=")[1];
    expect(check(`t=${NOW_MS / 1000 + 1},v1=${v1}`)).toEqual({ isValid: false, reason: "mismatch" });
  });

  it("rejects timestamps more than 3 minutes away, in either direction, and accepts them within", () => {
    expect(check(calendlySignature(rawBody, KEY, NOW_MS - 181_000))).toEqual({ isValid: false, reason: "stale" });
    expect(check(calendlySignature(rawBody, KEY, NOW_MS + 181_000))).toEqual({ isValid: false, reason: "stale" });
    expect(check(calendlySignature(rawBody, KEY, NOW_MS - 179_000))).toEqual({ isValid: true });
    expect(check(calendlySignature(rawBody, KEY, NOW_MS + 179_000))).toEqual({ isValid: true });
  });
});
