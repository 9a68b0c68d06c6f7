// Recording attendance from the host's attendance email: the page the link
// opens reads what it would record (a GET changes nothing: mail scanners open
// links), and its button records it through the same attendance change as the
// dashboard (same rules, history and booking event), acting as the host the
// email was sent to, once: the first mark wins and later clicks are told so.
import type { Attendance, BookingStatus } from "../../core/booking/booking.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { PublicRequestContext } from "../request-context.js";
import { openAttendanceLink } from "../auth/attendance-link-access.js";
import { recordAttendance } from "./change-booking.js";

export type AttendanceLinkView = {
  mark: Attendance;
  meetingTitle: string;
  inviteeName: string;
  startMs: number;
  endMs: number;
  status: BookingStatus;
  /** The mark already recorded (by this link, the other one, the dashboard or a provider); null: none yet. */
  recorded: Attendance | null;
};

type Deps = Pick<UseCaseDeps, "store"> & { attendanceLinkKey: Uint8Array };

const recordedOf = (status: BookingStatus, markedAt: Date | null): Attendance | null => (markedAt === null ? null : status === "no_show" ? "no_show" : status === "completed" ? "showed" : null);

export async function readAttendanceLink(deps: Deps, token: string, ctx: PublicRequestContext): Promise<AttendanceLinkView> {
  const { tenantId, booking, claim } = await openAttendanceLink(deps, deps.attendanceLinkKey, token, ctx.nowMs);
  const link = await deps.store.links.get(tenantId, booking.linkId);
  return {
    mark: claim.mark,
    meetingTitle: link?.title ?? booking.externalTitle ?? "Meeting",
    inviteeName: booking.inviteeName,
    startMs: booking.startAt.getTime(),
    endMs: booking.endAt.getTime(),
    status: booking.status,
    recorded: recordedOf(booking.status, booking.attendanceMarkedAt),
  };
}

export async function recordAttendanceByLink(deps: UseCaseDeps & { attendanceLinkKey: Uint8Array }, token: string, ctx: PublicRequestContext): Promise<AttendanceLinkView> {
  const { tenantId, booking, claim } = await openAttendanceLink(deps, deps.attendanceLinkKey, token, ctx.nowMs);
  // The host the email went to acts: the token is theirs alone, as their session would be.
  const changer = { auth: { tenantId, actor: { type: "user" as const, id: claim.hostUserId } }, ip: ctx.ip, nowMs: ctx.nowMs };
  await recordAttendance(deps, changer, booking.id, claim.mark, undefined, { isFirstMarkOnly: true });
  return readAttendanceLink(deps, token, ctx);
}
