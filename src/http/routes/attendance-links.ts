// The attendance email's links, no sign-in needed: GET reads what the link
// would record (for the confirmation page at /attendance/{token}; it changes
// nothing, since mail scanners open links), POST records it.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ATTENDANCE_MARKS, BOOKING_STATUSES } from "../../core/booking/booking.js";
import { readAttendanceLink, recordAttendanceByLink, type AttendanceLinkView } from "../../use-cases/bookings/attendance-by-link.js";
import { publicContextOf } from "../auth.js";
import type { RouteContext } from "../route-context.js";

const params = z.object({ token: z.string().min(16).max(200) });

const attendanceLinkView = z.object({
  mark: z.enum(ATTENDANCE_MARKS).describe("What this link records"),
  meetingTitle: z.string(),
  inviteeName: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(BOOKING_STATUSES),
  recorded: z.enum(ATTENDANCE_MARKS).nullable().describe("The attendance already recorded; null: none yet"),
});

const toView = (view: AttendanceLinkView): z.infer<typeof attendanceLinkView> => ({
  mark: view.mark,
  meetingTitle: view.meetingTitle,
  inviteeName: view.inviteeName,
  start: new Date(view.startMs).toISOString(),
  end: new Date(view.endMs).toISOString(),
  status: view.status,
  recorded: view.recorded,
});

export const attendanceLinkRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps, rateLimits } = context;
  const tags = ["attendance links"];
  const config = { rateLimit: { max: rateLimits.publicReadsPerMinute, timeWindow: "1 minute" } };

  app.get(
    "/api/v1/attendance/:token",
    { config, schema: { tags, summary: "What an attendance email's link records, and whether attendance is already recorded (changes nothing)", params, response: { 200: attendanceLinkView } } },
    async (request) => toView(await readAttendanceLink(deps, request.params.token, publicContextOf(request, deps.clock))),
  );

  app.post(
    "/api/v1/attendance/:token",
    {
      config,
      schema: {
        tags,
        summary:
          "Record the link's mark (showed or no-show) for its booking, as the host it was mailed to. Once: ATTENDANCE_ALREADY_RECORDED (409) when a mark exists; ATTENDANCE_LINK_EXPIRED (410); ATTENDANCE_LINK_INVALID (404)",
        params,
        response: { 200: attendanceLinkView },
      },
    },
    async (request) => toView(await recordAttendanceByLink(deps, request.params.token, publicContextOf(request, deps.clock))),
  );
};
