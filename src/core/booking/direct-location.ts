// Where a directly booked meeting happens (POST /api/v1/bookings, the MCP
// book_meeting tool): the kinds a caller names, turned into the location a
// link would hold, so messages, invites, pages and calendar events resolve
// it exactly as they resolve a link's (meeting-location.ts). Pure.
import { ConveneError } from "../errors.js";
import type { LinkLocation } from "./link-options.js";
import { meetingUrlProblem } from "./meeting-location.js";

/** url: a fixed meeting URL (Zoom, Whereby…); none: no location of its own (a link's, when booked with one). */
export const DIRECT_LOCATION_KINDS = ["google_meet", "teams", "jitsi", "url", "phone", "in_person", "none"] as const;
export type DirectLocationKind = (typeof DIRECT_LOCATION_KINDS)[number];
export type DirectLocation = { kind: DirectLocationKind; value?: string | null | undefined };

/** The location to keep on the booking; null for "none". Throws VALIDATION_FAILED (location.value) for a url kind without a usable URL. */
export function directLinkLocation(location: DirectLocation): LinkLocation | null {
  const value = location.value?.trim() || null;
  switch (location.kind) {
    case "none":
      return null;
    case "google_meet":
    case "teams":
    case "jitsi":
      // The room is the booking's own (Convene's, or the host calendar's): nothing of the caller's to keep.
      return { type: location.kind, value: null };
    case "url": {
      const problem = meetingUrlProblem(value);
      if (problem) throw new ConveneError("VALIDATION_FAILED", `location.value: ${problem}`, { details: { errors: [{ path: "body.location.value", message: problem }] } });
      return { type: "meeting_url", value };
    }
    case "phone":
    case "in_person":
      return { type: location.kind, value };
  }
}
