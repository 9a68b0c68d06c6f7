// An owner (or a program with their API key, or an AI agent) books a meeting
// directly, without an invitee choosing a slot: the hosts' own working hours
// and calendars decide whether the time is free (working hours may be waived,
// busy time never), the exclusion constraint has the last word, and the
// booking and its one event are written in one transaction, so emails,
// invites and calendar events follow as for any booking. The REST route
// POST /api/v1/bookings and the MCP book_meeting tool both call bookDirect.
import { normalizeEmail } from "../../core/account/limits.js";
import { defaultIntervalMin, explainOwnerInstant, ignoringWorkingHours, NEAREST_SPAN_DAYS, nearestOwnerStartsMs, withoutConveneBookings, type OwnerHostLoad, type OwnerWindow } from "../../core/availability/owner-availability.js";
import { busyRangeMs } from "../../core/booking/booking.js";
import { conferenceOf } from "../../core/booking/conference-location.js";
import { directLinkLocation, type DirectLocation } from "../../core/booking/direct-location.js";
import { validateAnswers } from "../../core/booking/questions.js";
import { ConveneError, isConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import { MS_PER_DAY, MS_PER_MINUTE } from "../../core/time/calendar-date.js";
import { formatIsoInstant } from "../../core/time/iso-instant.js";
import { acceptTimeZone } from "../../core/time/zone.js";
import { hashToken, newSecretToken } from "../auth/secret-token.js";
import { reachableLead } from "../leads/lead-reach.js";
import { reachableLink } from "../links/get-link.js";
import type { UserRecord } from "../ports/accounts.js";
import type { Repositories, UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import type { Booked, IdempotentSave } from "./book-meeting.js";
import { loadOwnerHosts, namesOf, resolveHosts } from "./owner-hosts.js";
import { consumeHold, heldSlotOf, noteHoldBooking } from "../holds/consume-hold.js";
import { recordBookingEvent } from "./record-booking-event.js";

export type DirectAttendee = { name: string; email: string; timeZone?: string | undefined };

export type DirectBookingInput = {
  startMs: number;
  durationMin: number;
  title?: string | undefined;
  /** At least one: the first is the invitee, the rest are guests. */
  attendees: DirectAttendee[];
  /** Absent: the link's location when booked with one, else none. */
  location?: DirectLocation | undefined;
  /** Default: the caller. The first host is the meeting's organizer (their calendar makes a Meet or Teams call). */
  hostUserIds?: string[] | undefined;
  /** A link of the caller's lends its questions (answers are checked against them), buffers and title. */
  linkId?: string | undefined;
  answers?: Record<string, unknown> | undefined;
  leadId?: string | undefined;
  notes?: string | undefined;
  /** Book outside the hosts' working hours (busy time still refuses). */
  allowOutsideHours?: boolean | undefined;
  /** A hold on the slot (POST /holds): the booking consumes it instead of racing for the time. */
  holdToken?: string | undefined;
};

export async function bookDirect(deps: UseCaseDeps, ctx: RequestContext, input: DirectBookingInput, idempotency?: IdempotentSave): Promise<Booked> {
  const { tenantId, userId } = ctx.auth;
  const { nowMs } = ctx;
  const [invitee, ...guests] = input.attendees;
  if (!invitee) throw new ConveneError("VALIDATION_FAILED", "attendees: name at least one attendee (the first is the invitee).", { details: { errors: [{ path: "body.attendees", message: "at least one" }] } });
  const hosts = await resolveHosts(deps.store, ctx, input.hostUserIds, "bookings.write");
  const organizer = hosts[0]!;
  const link = input.linkId ? await reachableLink(deps.store, ctx, input.linkId, "read") : null;
  const template = link?.templateId ? await deps.store.templates.get(tenantId, link.templateId) : null;
  const answers = input.answers ? validateAnswers(template?.questions ?? [], input.answers) : {};
  const location = input.location ? directLinkLocation(input.location) : null;
  await checkConferenceCalendar(deps.store, ctx, location?.type ?? (link && !input.location ? link.location.type : null), organizer);
  const lead = input.leadId ? await reachableLead(deps.store, ctx, input.leadId, "read") : null;
  const inviteeTimeZone = acceptTimeZone(invitee.timeZone ?? organizer.timeZone);
  const meeting = { startMs: input.startMs, durationMin: input.durationMin, allowOutsideHours: input.allowOutsideHours ?? false };
  const actor = { type: "user" as const, id: userId };
  // A used or expired hold is answered as such before the time is judged; a live one's own time is the caller's.
  const held = input.holdToken ? await heldSlotOf(deps.store, tenantId, input.holdToken, nowMs) : null;
  const hostUserIds = hosts.map((host) => host.id);

  try {
    return await deps.store.transaction(async (repos) => {
      // Queue on the hosts' locks like any booking (see chooseHosts), then judge the time with what is committed.
      await repos.bookings.lockHosts(tenantId, hostUserIds);
      await repos.holds.releaseExpiredOf(tenantId, hostUserIds, nowMs);
      await checkDirectTime(repos, tenantId, hosts, meeting, nowMs, null, held?.id ?? null);
      // The hold's rows give way to the booking's under the same locks: nobody can take the time in between.
      const endMs = input.startMs + input.durationMin * MS_PER_MINUTE;
      const consumed = input.holdToken ? await consumeHold(repos, tenantId, input.holdToken, { hostUserIds, startMs: input.startMs, endMs, linkId: link?.id ?? null }, nowMs) : null;

      const manageToken = newSecretToken();
      const busy = busyRangeMs(input.startMs, input.durationMin, link ?? { bufferBeforeMin: 0, bufferAfterMin: 0 });
      const booking = await repos.bookings.create(
        tenantId,
        {
          linkId: link?.id ?? null,
          oneTimeLinkId: null,
          startAt: new Date(input.startMs),
          endAt: new Date(endMs),
          durationMin: input.durationMin,
          inviteeName: invitee.name,
          inviteeEmail: normalizeEmail(invitee.email),
          inviteeTimeZone,
          answers,
          guests: guests.map((guest) => normalizeEmail(guest.email)),
          notes: input.notes ?? null,
          hostUserIds,
          manageTokenHash: hashToken(manageToken),
          manageTokenSealed: deps.secrets.seal(manageToken),
          createdAtMs: nowMs,
          title: input.title ?? null,
          location,
          organizerUserId: organizer.id,
        },
        hosts.map((host) => ({ hostUserId: host.id, startMs: input.startMs, busyStartMs: busy.startMs, busyEndMs: busy.endMs })),
      );
      if (consumed) await noteHoldBooking(repos, tenantId, consumed.holdId, booking.id);
      if (lead) await repos.leadMatches.addBookingLeads(tenantId, booking.id, [{ leadId: lead.id, attendeeEmail: booking.inviteeEmail, matchedBy: "confirmed" }], nowMs);
      await repos.bookings.addHistory(tenantId, booking.id, {
        action: "created",
        actor,
        oldValues: null,
        newValues: { start: booking.startAt.toISOString(), end: booking.endAt.toISOString(), hostUserIds: booking.hostUserIds, hostChoice: "booked directly", allowOutsideHours: meeting.allowOutsideHours },
        atMs: nowMs,
      });
      await recordBookingEvent(repos, tenantId, "created", booking, { actor, nowMs });
      await recordAudit(repos, { ...ctx, auth: { ...ctx.auth, actor } }, "booking.created", { type: "booking", id: booking.id }, { start: booking.startAt.toISOString(), durationMin: booking.durationMin, hostUserIds: booking.hostUserIds, inviteeEmail: booking.inviteeEmail });
      const booked = { booking, manageToken };
      if (idempotency && !(await repos.idempotency.save(idempotency.scope, idempotency.key, { requestHash: idempotency.requestHash, ...idempotency.toResponse(booked) }))) {
        throw new ConveneError("IDEMPOTENCY_KEY_REUSED", "A request with this Idempotency-Key is being processed; retry to get its answer.");
      }
      return booked;
    });
  } catch (error) {
    // The constraint caught what the check could not see yet: answer with the nearest free times all the same.
    if (isConveneError(error) && error.code === "SLOT_TAKEN" && !error.details?.["nearestSlots"]) throw await withNearest(deps.store, ctx, hosts, meeting, error);
    throw error;
  }
}

export type DirectMeeting = { startMs: number; durationMin: number; allowOutsideHours: boolean };
type Meeting = DirectMeeting;

/**
 * Throws unless every host can take the meeting: SLOT_TAKEN (409) when only
 * Convene bookings stand in the way, OUTSIDE_AVAILABILITY (422) otherwise,
 * both with the engine's reasons and the nearest free times.
 */
export async function checkDirectTime(
  repos: Repositories,
  tenantId: TenantId,
  hosts: UserRecord[],
  meeting: Meeting,
  nowMs: number,
  excludeBookingId: string | null = null,
  excludeHoldId: string | null = null,
): Promise<void> {
  const window = windowOf(nowMs, meeting);
  const loads = await loadOwnerHosts(repos, tenantId, hosts, nearestRange(meeting, nowMs), excludeBookingId, excludeHoldId);
  const judged = meeting.allowOutsideHours ? ignoringWorkingHours(loads) : loads;
  const verdict = explainOwnerInstant(judged, window, meeting.startMs, namesOf(hosts));
  if (verdict.free) return;
  const isBookedAway = verdict.reasons.every((reason) => reason.code === "BUSY" || reason.code === "BUFFER") && explainOwnerInstant(withoutConveneBookings(judged), window, meeting.startMs, namesOf(hosts)).free;
  const details = { reasons: verdict.reasons, nearestSlots: nearestSlots(loads, window, meeting) };
  if (isBookedAway) throw new ConveneError("SLOT_TAKEN", "Another booking already holds this time for a host.", { details });
  const why = verdict.reasons.map((reason) => reason.message).join("; ");
  const hint = verdict.reasons.some((reason) => reason.code === "OUTSIDE_HOURS" || reason.code === "HOLIDAY") ? " (allowOutsideHours books outside working hours)" : "";
  throw new ConveneError("OUTSIDE_AVAILABILITY", `${why}${hint}.`, { details });
}

function windowOf(nowMs: number, meeting: Meeting): OwnerWindow {
  const endMs = meeting.startMs + meeting.durationMin * MS_PER_MINUTE;
  return { fromMs: meeting.startMs, toMs: endMs, durationMin: meeting.durationMin, intervalMin: defaultIntervalMin(meeting.durationMin), mode: "all", nowMs };
}

/** The busy time to load: around the meeting as far as the nearest free times are looked for. */
function nearestRange(meeting: Meeting, nowMs: number): { fromMs: number; toMs: number; nowMs: number } {
  const spanMs = NEAREST_SPAN_DAYS * MS_PER_DAY;
  return { fromMs: meeting.startMs - spanMs, toMs: meeting.startMs + meeting.durationMin * MS_PER_MINUTE + spanMs, nowMs };
}

function nearestSlots(loads: OwnerHostLoad[], window: OwnerWindow, meeting: Meeting) {
  return nearestOwnerStartsMs(meeting.allowOutsideHours ? ignoringWorkingHours(loads) : loads, window, meeting.startMs).map((startMs) => ({
    start: formatIsoInstant(startMs),
    end: formatIsoInstant(startMs + meeting.durationMin * MS_PER_MINUTE),
  }));
}

async function withNearest(repos: Repositories, ctx: RequestContext, hosts: UserRecord[], meeting: Meeting, error: ConveneError): Promise<ConveneError> {
  const window = windowOf(ctx.nowMs, meeting);
  const loads = await loadOwnerHosts(repos, ctx.auth.tenantId, hosts, nearestRange(meeting, ctx.nowMs));
  return new ConveneError("SLOT_TAKEN", error.message, { cause: error, details: { ...error.details, nearestSlots: nearestSlots(loads, window, meeting) } });
}

/** A Google Meet or Teams call is made by the organizer's calendar: without one of that provider receiving events, say so now rather than send a booking without a link. */
async function checkConferenceCalendar(repos: Repositories, ctx: RequestContext, type: string | null, organizer: UserRecord): Promise<void> {
  const spec = type === "google_meet" || type === "teams" ? conferenceOf(type) : null;
  if (!spec) return;
  const destination = await repos.calendars.destinationOf(ctx.auth.tenantId, organizer.id);
  if (destination?.connection.provider === spec.provider) return;
  throw new ConveneError("CALENDAR_NOT_CONNECTED", `${spec.serviceName} meetings are created in the organizer's ${spec.calendarName}: ${organizer.name} has none receiving new events. Connect one on the Calendars page, or pick another location (jitsi, url, phone…).`, {
    details: { location: spec.kind, provider: spec.provider, hostUserId: organizer.id },
  });
}
