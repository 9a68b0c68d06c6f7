// The fixed choices and limits of a booking link, declared once: the zod
// schemas, the Drizzle schema and (through the OpenAPI types) the web app take
// them from here. The rules that combine them live in link-rules.ts.
import { SLOT_MODES, type SlotMode } from "../availability/types.js";

/** Where a meeting happens: a video link made for it, a phone call, an address, or the owner's own words. */
export const LOCATION_TYPES = ["video", "phone", "in_person", "custom"] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];
export type LinkLocation = { type: LocationType; value?: string | null };
export const MAX_LOCATION_VALUE_LENGTH = 500;

/** A link's host mode is the availability engine's slot mode. */
export const HOST_MODES = SLOT_MODES;
export type HostMode = SlotMode;

/** The last segment of a link's URL (/{handle}/{slug}): lower-case letters, digits and inner dashes, up to 64. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const SLUG_RULE = "lower-case letters, digits and dashes, up to 64";

/** Durations a link may offer at once. */
export const MAX_DURATIONS = 12;
/** Buffers before and after a meeting: up to half a day each. */
export const MAX_BUFFER_MIN = 12 * 60;
