// A booking's location, resolved: each kind, the Jitsi room's properties (stable
// per booking, different between bookings, not computable without the key),
// the legacy "video" name, and the rules for a meeting URL the owner saves.
import { describe, expect, it } from "vitest";
import { ConveneError } from "../errors.js";
import type { LinkLocation } from "./link-options.js";
import { jitsiRoomUrl, locationKind, locationLine, meetingRoomToken, meetingUrlProblem, normalizeLinkLocation, resolveMeetingLocation, validateLinkLocation } from "./meeting-location.js";

const KEY = new Uint8Array(32).fill(7);
const OTHER_KEY = new Uint8Array(32).fill(8);
const ROOMS = { jitsiBaseUrl: "https://meet.jit.si", roomKey: KEY };
const BOOKING = "0b6f3d8e-5d7a-4c1e-9a63-1f0c2b7a9e11";
const OTHER_BOOKING = "0b6f3d8e-5d7a-4c1e-9a63-1f0c2b7a9e12";
const JITSI: LinkLocation = { type: "jitsi", value: null };

describe("a booking's Jitsi room", () => {
  it("is a room of its own on the Jitsi server, named Convene-<32 base32 characters>", () => {
    const location = resolveMeetingLocation(JITSI, BOOKING, ROOMS);
    expect(location.url).toMatch(/^https:\/\/meet\.jit\.si\/Convene-[a-z2-7]{32}$/);
    expect(location).toEqual({ type: "jitsi", label: "Join", text: location.url, url: location.url });
  });

  it("stays the same for the booking: every message, reschedule and page gives the one room", () => {
    expect(resolveMeetingLocation(JITSI, BOOKING, ROOMS)).toEqual(resolveMeetingLocation(JITSI, BOOKING, { ...ROOMS, roomKey: new Uint8Array(KEY) }));
  });

  it("differs for every booking, even ids one character apart", () => {
    const tokens = new Set(Array.from({ length: 200 }, (_, i) => meetingRoomToken(KEY, `${BOOKING.slice(0, -3)}${String(i).padStart(3, "0")}`)));
    expect(tokens.size).toBe(200);
    expect(jitsiRoomUrl(ROOMS, BOOKING)).not.toBe(jitsiRoomUrl(ROOMS, OTHER_BOOKING));
  });

  it("cannot be computed from the booking id without the key (the id is in every invite's UID)", () => {
    const token = meetingRoomToken(KEY, BOOKING);
    expect(meetingRoomToken(OTHER_KEY, BOOKING)).not.toBe(token);
    expect(token).not.toContain(BOOKING.replaceAll("-", "").slice(0, 8));
    // Each of the 32 characters carries 5 bits: 160 bits from the HMAC, spread over the alphabet.
    const characters = new Set([...Array.from({ length: 50 }, (_, i) => meetingRoomToken(KEY, `booking-${i}`)).join("")]);
    expect(characters.size).toBe(32);
  });

  it("refuses a key too short to keep rooms unguessable, and a missing booking id", () => {
    expect(() => meetingRoomToken(new Uint8Array(8), BOOKING)).toThrow(RangeError);
    expect(() => meetingRoomToken(KEY, "")).toThrow(RangeError);
  });

  it("lives on the configured Jitsi server, with or without a trailing slash or a path", () => {
    const token = meetingRoomToken(KEY, BOOKING);
    expect(jitsiRoomUrl({ ...ROOMS, jitsiBaseUrl: "https://video.example.org/" }, BOOKING)).toBe(`https://video.example.org/Convene-${token}`);
    expect(jitsiRoomUrl({ ...ROOMS, jitsiBaseUrl: "https://example.org/jitsi" }, BOOKING)).toBe(`https://example.org/jitsi/Convene-${token}`);
  });
});

describe("resolveMeetingLocation", () => {
  it("gives the owner's fixed meeting URL to click", () => {
    const url = "https://zoom.us/j/123456789?pwd=abc";
    expect(resolveMeetingLocation({ type: "meeting_url", value: ` ${url} ` }, BOOKING, ROOMS)).toEqual({ type: "meeting_url", label: "Join", text: url, url });
  });

  it("never links a meeting_url row that holds no URL (rows saved before the check)", () => {
    expect(resolveMeetingLocation({ type: "meeting_url", value: "javascript:alert(1)" }, BOOKING, ROOMS)).toEqual({ type: "meeting_url", label: "Join", text: "javascript:alert(1)", url: null });
    expect(resolveMeetingLocation({ type: "meeting_url", value: null }, BOOKING, ROOMS).url).toBeNull();
  });

  it("reads phone, in-person and custom locations as the owner wrote them", () => {
    expect(resolveMeetingLocation({ type: "phone", value: "+1 555 0100" }, BOOKING, ROOMS)).toEqual({ type: "phone", label: "Phone", text: "+1 555 0100", url: null });
    expect(resolveMeetingLocation({ type: "phone" }, BOOKING, ROOMS)).toEqual({ type: "phone", label: "Phone", text: "Phone call", url: null });
    expect(resolveMeetingLocation({ type: "in_person", value: "  10 Downing St  " }, BOOKING, ROOMS)).toEqual({ type: "in_person", label: "Where", text: "10 Downing St", url: null });
    expect(resolveMeetingLocation({ type: "custom", value: null }, BOOKING, ROOMS)).toEqual({ type: "custom", label: "Where", text: "See the description", url: null });
    expect(resolveMeetingLocation({ type: "custom", value: "https://example.com/room" }, BOOKING, ROOMS).url).toBe("https://example.com/room");
    expect(resolveMeetingLocation({ type: "custom", value: "javascript:alert(1)" }, BOOKING, ROOMS).url).toBeNull();
  });

  it("gives an invite's LOCATION line: the URL when there is one, else the text", () => {
    expect(locationLine(resolveMeetingLocation(JITSI, BOOKING, ROOMS))).toBe(jitsiRoomUrl(ROOMS, BOOKING));
    expect(locationLine(resolveMeetingLocation({ type: "in_person", value: "10 Downing St" }, BOOKING, ROOMS))).toBe("10 Downing St");
    expect(locationLine(null)).toBeNull();
  });
});

describe("the legacy video location", () => {
  it("is a Jitsi room now, so existing video links get a room that arrives", () => {
    expect(normalizeLinkLocation({ type: "video" })).toEqual(JITSI);
    expect(normalizeLinkLocation({ type: "video", value: "  " })).toEqual(JITSI);
    expect(normalizeLinkLocation({ type: "video", value: "Room 4" })).toEqual(JITSI);
    const room = resolveMeetingLocation(normalizeLinkLocation({ type: "video", value: null }), BOOKING, ROOMS);
    expect(room.url).toBe(jitsiRoomUrl(ROOMS, BOOKING));
  });

  it("keeps the meeting URL an old client gave it, as the emails showed before", () => {
    expect(normalizeLinkLocation({ type: "video", value: " https://whereby.com/grace " })).toEqual({ type: "meeting_url", value: "https://whereby.com/grace" });
  });

  it("leaves today's names as they are, and a Jitsi room without text", () => {
    expect(normalizeLinkLocation({ type: "jitsi", value: "ignored" })).toEqual(JITSI);
    expect(normalizeLinkLocation({ type: "in_person", value: "Main St 1" })).toEqual({ type: "in_person", value: "Main St 1" });
    expect(normalizeLinkLocation({ type: "phone" })).toEqual({ type: "phone", value: null });
  });
});

describe("validateLinkLocation", () => {
  const problemOf = (location: LinkLocation) => {
    try {
      validateLinkLocation(location);
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(ConveneError);
      return { code: (error as ConveneError).code, errors: (error as ConveneError).details?.["errors"] };
    }
  };

  it("accepts https and http meeting URLs", () => {
    for (const value of ["https://zoom.us/j/123456789?pwd=abc", "http://meet.example.org/room", "HTTPS://whereby.com/grace"]) expect(problemOf({ type: "meeting_url", value }), value).toBeNull();
  });

  it.each([
    ["empty", "", "needs the meeting's address"],
    ["missing", null, "needs the meeting's address"],
    ["no scheme", "zoom.us/j/123", "must be an https://"],
    ["another scheme", "javascript:alert(1)", "must be an https://"],
    ["ftp", "ftp://example.org/room", "must be an https://"],
    ["no host", "https:///room", "must be an https://"],
    ["spaces inside", "https://zoom.us/j/1 2", "without spaces"],
    ["credentials", "https://user:secret@zoom.us/j/1", "user name or password"],
  ])("refuses a meeting URL that is %s with VALIDATION_FAILED on location.value", (_, value, message) => {
    const problem = problemOf({ type: "meeting_url", value });
    expect(problem?.code).toBe("VALIDATION_FAILED");
    expect(problem?.errors).toEqual([{ path: "location.value", message: expect.stringContaining(message) }]);
  });

  it("asks nothing of the other kinds", () => {
    for (const location of [JITSI, { type: "phone" }, { type: "in_person", value: "" }, { type: "custom", value: "anything" }] as LinkLocation[]) expect(problemOf(location)).toBeNull();
  });

  it("explains itself without a location", () => {
    expect(meetingUrlProblem("https://zoom.us/j/1")).toBeNull();
    expect(meetingUrlProblem("zoom")).toMatch(/e\.g\. https:\/\//);
  });
});

describe("locationKind (the booking page, before anyone books)", () => {
  it("names the kind of call and never the address", () => {
    expect(locationKind(JITSI)).toBe("Jitsi video call");
    expect(locationKind({ type: "meeting_url", value: "https://us02web.zoom.us/j/123?pwd=secret" })).toBe("Zoom video call");
    expect(locationKind({ type: "meeting_url", value: "https://whereby.com/grace" })).toBe("Whereby video call");
    expect(locationKind({ type: "meeting_url", value: "https://meet.google.com/abc-defg-hij" })).toBe("Google Meet video call");
    expect(locationKind({ type: "meeting_url", value: "https://video.example.org/room" })).toBe("Video call");
    expect(locationKind({ type: "meeting_url", value: "https://notzoom.us/j/1" })).toBe("Video call");
    expect(locationKind({ type: "phone", value: "+1 555 0100" })).toBe("Phone call");
    expect(locationKind({ type: "in_person", value: "10 Downing St" })).toBe("In person");
  });

  it("shows a custom location's words, which are meant for the page", () => {
    expect(locationKind({ type: "custom", value: "Room 4, 2nd floor" })).toBe("Room 4, 2nd floor");
    expect(locationKind({ type: "custom", value: null })).toBe("Details in your invitation");
  });
});
