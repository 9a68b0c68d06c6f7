// Where a booked meeting happens, with the address to join it: one function
// resolves a link's location for one booking, and everything that tells the
// invitee or the host (emails, invites, the manage page, the booking API, the
// calendar event) reads its answer. Also the rules for a location as the owner
// saves it, and the kind the booking page may show before anyone books.
// Pure: the room key and the Jitsi server come in as arguments.
import { createHmac } from "node:crypto";
import { ConveneError } from "../errors.js";
import { conferenceOf, conferenceText, type ConferenceState } from "./conference-location.js";
import type { LinkLocation, StoredLinkLocation } from "./link-options.js";

/** A booking's location, resolved: what a message, an invite or a page shows. */
export type MeetingLocation = {
  type: LinkLocation["type"];
  /** The label in front of it in a message: "Join", "Phone", "Where". */
  label: string;
  /** What to show: the URL itself for a video call (so a plain-text reader has it), the number, the address, the owner's words. */
  text: string;
  /** Set when there is something to click: an http(s) URL. */
  url: string | null;
};

/** How Convene makes a booking's Jitsi room: on which server, and the key the room names are derived under. */
export type MeetingRoomSettings = {
  /** JITSI_BASE_URL, e.g. https://meet.jit.si. */
  jitsiBaseUrl: string;
  /** Derived from CONVENE_SECRET_KEY: whoever lacks it cannot compute a booking's room. */
  roomKey: Uint8Array;
};

/** A shorter key would make room names easier to guess than a booking id is to learn. */
const MIN_ROOM_KEY_BYTES = 16;
/** 160 bits of the HMAC: 32 base32 characters, far past guessing and short enough to read aloud in a pinch. */
const ROOM_TOKEN_BYTES = 20;
/** RFC 4648 base32, lower-case: Jitsi folds room names to lower case, so a mixed-case alphabet would only look larger. */
const BASE32_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

function base32(bytes: Uint8Array): string {
  let text = "";
  let buffer = 0;
  let bufferedBits = 0;
  for (const byte of bytes) {
    buffer = ((buffer & 0xff) << 8) | byte;
    bufferedBits += 8;
    while (bufferedBits >= 5) {
      text += BASE32_ALPHABET[(buffer >>> (bufferedBits - 5)) & 31];
      bufferedBits -= 5;
    }
  }
  if (bufferedBits > 0) text += BASE32_ALPHABET[(buffer << (5 - bufferedBits)) & 31];
  return text;
}

/**
 * A booking's room token: HMAC-SHA256 of its id under the room key. Stable for
 * the booking's whole life (reschedules keep the room) and different for every
 * booking; the id alone is not secret (it is in every invite's UID), the key is.
 * Limit: a new CONVENE_SECRET_KEY gives every booking a new room, so the links
 * already sent stop matching the ones Convene shows.
 */
export function meetingRoomToken(roomKey: Uint8Array, bookingId: string): string {
  if (roomKey.length < MIN_ROOM_KEY_BYTES) throw new RangeError(`A meeting room key must be at least ${MIN_ROOM_KEY_BYTES} bytes; got ${roomKey.length}.`);
  if (!bookingId) throw new RangeError("A meeting room needs the booking's id.");
  return base32(createHmac("sha256", roomKey).update(bookingId, "utf8").digest().subarray(0, ROOM_TOKEN_BYTES));
}

/**
 * The booking's Jitsi room: https://meet.jit.si/Convene-<token>. The name holds
 * nothing the owner can change later (a slug or title would move the room when
 * renamed, stranding invitees in an empty one).
 */
export function jitsiRoomUrl(rooms: MeetingRoomSettings, bookingId: string): string {
  return `${rooms.jitsiBaseUrl.replace(/\/+$/, "")}/Convene-${meetingRoomToken(rooms.roomKey, bookingId)}`;
}

/**
 * The location a booking's messages, invite and pages show, with the actual
 * address. A Google Meet or Teams location takes its link from the host's
 * calendar write (conference; null is read as still pending).
 */
export function resolveMeetingLocation(location: LinkLocation, bookingId: string, rooms: MeetingRoomSettings, conference: ConferenceState | null = null): MeetingLocation {
  const value = location.value?.trim() || null;
  switch (location.type) {
    case "google_meet":
    case "teams": {
      const spec = conferenceOf(location.type)!;
      if (conference?.state === "ready") return { type: location.type, label: "Join", text: conference.url, url: conference.url };
      return { type: location.type, label: "Join", text: conferenceText(spec, conference ?? { state: "pending" }), url: null };
    }
    case "jitsi": {
      const url = jitsiRoomUrl(rooms, bookingId);
      return { type: "jitsi", label: "Join", text: url, url };
    }
    case "meeting_url": {
      // Saved links always hold a valid URL (validateLinkLocation); a row that does not still shows what it holds.
      const url = value !== null && isMeetingUrl(value) ? value : null;
      return { type: "meeting_url", label: "Join", text: value ?? "Video call (ask the host for the link)", url };
    }
    case "phone":
      return { type: "phone", label: "Phone", text: value ?? "Phone call", url: null };
    case "in_person":
      return { type: "in_person", label: "Where", text: value ?? "In person", url: webUrlOrNull(value) };
    case "custom":
      return { type: "custom", label: "Where", text: value ?? "See the description", url: webUrlOrNull(value) };
  }
}

/** The one line an iCalendar LOCATION (or a calendar event's location) holds: the address to click, else the text. */
export function locationLine(location: MeetingLocation | null): string | null {
  return location ? (location.url ?? location.text) : null;
}

/**
 * A location as it is kept: the legacy "video" becomes the owner's meeting URL
 * when it held one (old API clients could set it; the old emails showed it) and
 * a Jitsi room otherwise; a Jitsi room keeps no text. Read from the database
 * and from requests, so nothing downstream meets an old name.
 */
export function normalizeLinkLocation(location: StoredLinkLocation): LinkLocation {
  switch (location.type) {
    case "video": {
      const value = location.value?.trim() ?? "";
      return isMeetingUrl(value) ? { type: "meeting_url", value } : { type: "jitsi", value: null };
    }
    case "jitsi":
    case "google_meet":
    case "teams":
      // The room comes per booking (Convene's, or the host calendar's): nothing of the owner's to keep.
      return { type: location.type, value: null };
    default:
      return { type: location.type, value: location.value ?? null };
  }
}

const MEETING_URL_EXAMPLE = "https://zoom.us/j/123456789";

/** Why a fixed meeting URL cannot be saved; null when it can. */
export function meetingUrlProblem(value: string | null | undefined): string | null {
  const text = value?.trim() ?? "";
  if (!text) return `a meeting_url location needs the meeting's address, e.g. ${MEETING_URL_EXAMPLE}`;
  if (!isMeetingUrl(text)) return `must be an https:// (or http://) URL without spaces, e.g. ${MEETING_URL_EXAMPLE}`;
  const url = new URL(text);
  if (url.username || url.password) return "must not contain a user name or password";
  return null;
}

/** Throws VALIDATION_FAILED (field location.value) when a location cannot be saved. */
export function validateLinkLocation(location: LinkLocation): void {
  if (location.type !== "meeting_url") return;
  const problem = meetingUrlProblem(location.value);
  if (problem) throw new ConveneError("VALIDATION_FAILED", `location.value: ${problem}`, { details: { errors: [{ path: "location.value", message: problem }] } });
}

/** Well-known video services by host name; anything else is "Video call". */
const VIDEO_SERVICES: { name: string; hosts: string[] }[] = [
  { name: "Zoom", hosts: ["zoom.us", "zoom.com", "zoomgov.com"] },
  { name: "Whereby", hosts: ["whereby.com"] },
  { name: "Google Meet", hosts: ["meet.google.com"] },
  { name: "Microsoft Teams", hosts: ["teams.microsoft.com", "teams.live.com"] },
  { name: "Webex", hosts: ["webex.com"] },
  { name: "Jitsi", hosts: ["meet.jit.si", "8x8.vc"] },
];

function videoServiceOf(url: string): string | null {
  const host = new URL(url).hostname.toLowerCase();
  return VIDEO_SERVICES.find((service) => service.hosts.some((known) => host === known || host.endsWith(`.${known}`)))?.name ?? null;
}

/**
 * What the booking page says about the location before anyone books: the kind
 * of call, never a per-booking room nor the owner's meeting URL (those go to
 * the people who booked, in the confirmation). The owner's words of a custom
 * location are public: they are meant for the page.
 */
export function locationKind(location: LinkLocation): string {
  const value = location.value?.trim() || null;
  switch (location.type) {
    case "jitsi":
      return "Jitsi video call";
    case "google_meet":
    case "teams":
      return `${conferenceOf(location.type)!.serviceName} video call`;
    case "meeting_url": {
      const service = value !== null && isMeetingUrl(value) ? videoServiceOf(value) : null;
      return service ? `${service} video call` : "Video call";
    }
    case "phone":
      return "Phone call";
    case "in_person":
      return "In person";
    case "custom":
      return value ?? "Details in your invitation";
  }
}

function isMeetingUrl(text: string): boolean {
  if (!/^https?:\/\/[^\s/?#]+\S*$/i.test(text)) return false;
  try {
    return new URL(text).hostname.length > 0;
  } catch {
    return false;
  }
}

function webUrlOrNull(value: string | null): string | null {
  return value !== null && isMeetingUrl(value) ? value : null;
}
