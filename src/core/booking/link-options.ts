// The fixed choices and limits of a booking link, declared once: the zod
// schemas, the Drizzle schema and (through the OpenAPI types) the web app take
// them from here. The rules that combine them live in link-rules.ts.
import { SLOT_MODES, type SlotMode } from "../availability/types.js";

/**
 * Where a meeting happens: a Jitsi room made for each booking, a fixed meeting
 * URL the owner enters (Zoom, Whereby…), a phone call, an address, the
 * owner's own words, or a Google Meet / Microsoft Teams meeting the host's
 * calendar makes with the event (conference-location.ts). Resolved per
 * booking in meeting-location.ts.
 */
export const LOCATION_TYPES = ["jitsi", "meeting_url", "phone", "in_person", "custom", "google_meet", "teams"] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];
export type LinkLocation = { type: LocationType; value?: string | null };
export const MAX_LOCATION_VALUE_LENGTH = 500;

/**
 * Names clients and stored links used before, still accepted on input and read
 * from the database: "video" promised a link that never came; it is a Jitsi
 * room now (or the owner's meeting URL, when one was given: see normalizeLinkLocation).
 */
export const LEGACY_LOCATION_TYPES = ["video"] as const;
export type LegacyLocationType = (typeof LEGACY_LOCATION_TYPES)[number];
/** What the API accepts: today's types and the legacy names. Answers use today's only. */
export const LOCATION_INPUT_TYPES = [...LOCATION_TYPES, ...LEGACY_LOCATION_TYPES] as const;
/** A location as a client may send it or an older row may hold it. */
export type StoredLinkLocation = { type: LocationType | LegacyLocationType; value?: string | null };

/** A link's host mode is the availability engine's slot mode. */
export const HOST_MODES = SLOT_MODES;
export type HostMode = SlotMode;

/**
 * A team link's host settings beyond who the hosts are. Round-robin gives a free
 * host with a higher priority first; among equal priority, bookings are shared
 * in proportion to weight. Hosts not listed have priority 0 and weight 1.
 */
export type LinkHostSetting = { userId: string; weight: number; priority: number };
export const MAX_HOST_WEIGHT = 100;
export const MAX_HOST_PRIORITY = 10;
/** Whose working hours a team link uses: the link's own, or each host's own (their profile's, where set). */
export const HOST_HOURS_SOURCES = ["link", "host"] as const;
export type HostHoursSource = (typeof HOST_HOURS_SOURCES)[number];

/** The last segment of a link's URL (/{handle}/{slug}): lower-case letters, digits and inner dashes, up to 64. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const SLUG_RULE = "lower-case letters, digits and dashes, up to 64";

/** Durations a link may offer at once. */
export const MAX_DURATIONS = 12;
/** Buffers before and after a meeting: up to half a day each. */
export const MAX_BUFFER_MIN = 12 * 60;
