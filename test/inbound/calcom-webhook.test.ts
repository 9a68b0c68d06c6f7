// Cal.com's webhook half on its own: the signature over the raw bytes, and
// each documented trigger turned into provider-neutral changes (or
// acknowledged and ignored with a reason).
import { describe, expect, it } from "vitest";
import { calcomWebhook } from "../../src/adapters/inbound/calcom/calcom-webhook.js";
import { calcomDelivery, signedCalcom } from "../fakes/calcom/calcom-deliveries.js";

const SECRET = "calcom-test-secret";
const AT = "2026-11-20T12:00:00.000Z";
const NOW_MS = Date.parse(AT);
const meeting = { uid: "bk_new", startTime: "2026-11-25T15:00:00.000Z", endTime: "2026-11-25T15:45:00.000Z", guests: ["bob@example.com"] };

describe("Cal.com webhook signature", () => {
  it("accepts the hex HMAC-SHA256 of the raw body, in either case", () => {
    const { body, headers } = signedCalcom(calcomDelivery.created(meeting, AT), SECRET);
    expect(calcomWebhook.verifySignature(body, headers, SECRET, NOW_MS)).toEqual({ isValid: true });
    expect(calcomWebhook.verifySignature(body, { "x-cal-signature-256": headers["x-cal-signature-256"]!.toUpperCase() }, SECRET, NOW_MS)).toEqual({ isValid: true });
  });

  it("refuses a missing, malformed, wrong-secret or other-bytes signature", () => {
    const { body, headers } = signedCalcom(calcomDelivery.created(meeting, AT), SECRET);
    expect(calcomWebhook.verifySignature(body, {}, SECRET, NOW_MS)).toEqual({ isValid: false, reason: "missing" });
    expect(calcomWebhook.verifySignature(body, { "x-cal-signature-256": "sha256=abc" }, SECRET, NOW_MS)).toEqual({ isValid: false, reason: "malformed" });
    expect(calcomWebhook.verifySignature(body, { "x-cal-signature-256": ["a", "b"] }, SECRET, NOW_MS)).toEqual({ isValid: false, reason: "malformed" });
    expect(calcomWebhook.verifySignature(body, headers, "other-secret", NOW_MS)).toEqual({ isValid: false, reason: "mismatch" });
    expect(calcomWebhook.verifySignature(Buffer.concat([body, Buffer.from(" ")]), headers, SECRET, NOW_MS)).toEqual({ isValid: false, reason: "mismatch" });
  });
});

describe("Cal.com deliveries", () => {
  const parse = (delivery: object) => calcomWebhook.parseDelivery(Buffer.from(JSON.stringify(delivery)));

  it("BOOKING_CREATED: a booked change with attendees, host, meeting URL and answers by label; deduplicated by the body's SHA-256", () => {
    const parsed = parse(calcomDelivery.created(meeting, AT));
    expect(parsed.trigger).toBe("BOOKING_CREATED");
    expect(parsed.dedupeKey).toMatch(/^[0-9a-f]{64}$/);
    expect(parse(calcomDelivery.created(meeting, AT)).dedupeKey).toBe(parsed.dedupeKey);
    expect(parse(calcomDelivery.created(meeting, "2026-11-20T12:00:01.000Z")).dedupeKey).not.toBe(parsed.dedupeKey);
    expect(parsed.changes).toEqual([
      {
        kind: "booked",
        uid: "bk_new",
        previousUid: null,
        isRescheduleCancel: false,
        title: "30 Min Meeting",
        startMs: Date.parse(meeting.startTime),
        endMs: Date.parse(meeting.endTime),
        attendees: [
          { name: "Ada Lovelace", email: "Ada@Example.com", timeZone: "America/New_York" },
          { name: "bob@example.com", email: "bob@example.com", timeZone: "America/New_York" },
        ],
        hostEmail: "olivia@cal.example",
        cancelReason: null,
        meetingUrl: "https://app.cal.com/video/room",
        attendance: null,
        answers: { "Additional notes": "Keen on the enterprise plan", Company: "Analytical Engines Ltd" },
        occurredAtMs: NOW_MS,
      },
    ]);
  });

  it("BOOKING_RESCHEDULED: the new uid, with the old one from rescheduleUid", () => {
    const [change] = parse(calcomDelivery.rescheduled({ ...meeting, rescheduleUid: "bk_old" }, AT)).changes;
    expect(change).toMatchObject({ kind: "rescheduled", uid: "bk_new", previousUid: "bk_old" });
  });

  it("BOOKING_CANCELLED: cancelled with the reason", () => {
    const [change] = parse(calcomDelivery.cancelled({ ...meeting, reason: "Double booked" }, AT)).changes;
    expect(change).toMatchObject({ kind: "cancelled", uid: "bk_new", cancelReason: "Double booked", isRescheduleCancel: false });
  });

  it("BOOKING_NO_SHOW_UPDATED: a no-show mark, and an unmark", () => {
    expect(parse(calcomDelivery.noShow({ uid: "bk_new", noShow: true }, AT)).changes).toMatchObject([{ kind: "attendance", uid: "bk_new", attendance: "no_show" }]);
    expect(parse(calcomDelivery.noShow({ uid: "bk_new", noShow: false }, AT)).changes).toMatchObject([{ kind: "attendance", uid: "bk_new", attendance: null }]);
  });

  it("MEETING_ENDED, PING and BOOKING_REQUESTED are acknowledged and ignored with a reason", () => {
    for (const delivery of [calcomDelivery.meetingEnded(meeting, AT), calcomDelivery.ping(AT), calcomDelivery.requested(meeting, AT)]) {
      const parsed = parse(delivery);
      expect(parsed.changes).toEqual([]);
      expect(parsed.ignoredBecause).toEqual(expect.any(String));
    }
  });

  it("refuses what is not a Cal.com delivery", () => {
    expect(() => calcomWebhook.parseDelivery(Buffer.from("not json"))).toThrow(expect.objectContaining({ code: "INBOUND_PAYLOAD_INVALID" }));
    expect(() => parse({ triggerEvent: "BOOKING_CREATED" })).toThrow(expect.objectContaining({ code: "INBOUND_PAYLOAD_INVALID" }));
    expect(() => parse({ triggerEvent: "BOOKING_CREATED", createdAt: AT, payload: { uid: "x" } })).toThrow(expect.objectContaining({ code: "INBOUND_PAYLOAD_INVALID" }));
  });
});
