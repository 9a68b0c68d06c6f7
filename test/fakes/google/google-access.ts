// Who may do what in the Google fake's Calendar API: OAuth scopes per method
// (each method's "Authorization" section), calendar access roles
// (CalendarListEntry.accessRole) and conditional modification (If-Match → 412,
// "Get specific versions of resources").
import type { ApiRequest, StoredEvent } from "./google-calendar.js";
import { badRequest, GoogleApiError } from "./google-errors.js";
import { CALENDAR_SCOPE } from "./google-oauth.js";

/** What a user may do with a calendar; the owner's is "owner". */
export type AccessRole = "owner" | "writer" | "reader";

export const READ_EVENTS = [CALENDAR_SCOPE, `${CALENDAR_SCOPE}.readonly`, `${CALENDAR_SCOPE}.events`, `${CALENDAR_SCOPE}.events.readonly`];
export const WRITE_EVENTS = [CALENDAR_SCOPE, `${CALENDAR_SCOPE}.events`];
export const READ_LIST = [CALENDAR_SCOPE, `${CALENDAR_SCOPE}.readonly`, `${CALENDAR_SCOPE}.calendarlist`, `${CALENDAR_SCOPE}.calendarlist.readonly`];

export function requireScope(scopes: string[], accepted: string[]): void {
  if (!scopes.some((scope) => accepted.includes(scope))) {
    throw new GoogleApiError(403, "insufficientPermissions", "Request had insufficient authentication scopes.");
  }
}

const SEND_UPDATES = new Set(["all", "externalOnly", "none"]);

/** Writes need a write scope and the owner's or a writer's access ("requiredAccessLevel" otherwise). */
export function requireWriter({ user, query }: ApiRequest, role: AccessRole): void {
  requireScope(user.scopes, WRITE_EVENTS);
  if (role !== "owner" && role !== "writer") throw new GoogleApiError(403, "requiredAccessLevel", "You need to have writer access to this calendar.");
  const sendUpdates = query.get("sendUpdates");
  if (sendUpdates !== null && !SEND_UPDATES.has(sendUpdates)) throw badRequest(`Invalid value for sendUpdates: ${sendUpdates}`);
}

/** If-Match with an etag other than the stored one: 412 (conditional modification). */
export function requireEtag({ ifMatch }: ApiRequest, existing: StoredEvent): void {
  if (ifMatch !== undefined && ifMatch !== "*" && ifMatch !== existing.resource.etag) throw new GoogleApiError(412, "conditionNotMet", "Precondition Failed", { location: "If-Match", locationType: "header" });
}
