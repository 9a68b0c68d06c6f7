// A strict local fake of Cal.com's API v2 bookings list, written from
// cal.com/docs/api-reference/v2/bookings/get-all-bookings (cal-api-version
// 2024-08-13): `Authorization: Bearer cal_…`, the version header, status /
// afterStart / beforeEnd / sortStart / take / skip, and the answer
// {status: "success", data, pagination}. Errors in Cal.com v2's shape
// {status: "error", timestamp, path, error: {code, message}}. Without the
// version header the docs say the endpoint "defaults to an older version": the
// fake then answers in that older shape ({data: {bookings, …}}), so a client
// that forgets the header cannot read it. Reach it through CALCOM_API_URL.
import { startProviderFakeServer, type FakeAnswer, type LoggedProviderRequest, type OutageMode } from "../provider-fake-server.js";

export const CALCOM_FAKE_API_VERSION = "2024-08-13";

export type CalcomFakeBooking = {
  uid: string;
  title: string;
  status: "accepted" | "cancelled" | "rejected" | "pending";
  startMs: number;
  endMs: number;
  hostEmail: string;
  attendees: Array<{ name: string; email: string; timeZone: string; absent?: boolean }>;
  cancellationReason?: string;
  rescheduledFromUid?: string;
  rescheduledToUid?: string;
  meetingUrl?: string;
  responses?: Record<string, unknown>;
};

export interface CalcomFake {
  baseUrl: string;
  /** An API key and the bookings it sees. */
  addApiKey(apiKey: string): void;
  putBooking(apiKey: string, booking: CalcomFakeBooking): void;
  failNext(count: number, failure: { status: 500 | 503 } | { status: 429; retryAfterSeconds: number }): void;
  setOutage(mode: OutageMode | null): Promise<void>;
  requests(): LoggedProviderRequest[];
  stop(): Promise<void>;
}

const QUERY = new Set([
  "status", "attendeeEmail", "attendeeName", "bookingUid", "eventTypeIds", "eventTypeId", "teamsIds", "teamId",
  "afterStart", "beforeEnd", "afterCreatedAt", "beforeCreatedAt", "afterUpdatedAt", "beforeUpdatedAt",
  "sortStart", "sortEnd", "sortCreated", "sortUpdatedAt", "take", "skip",
]);
const STATUS_FILTERS = ["upcoming", "recurring", "past", "cancelled", "unconfirmed"];
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export async function startCalcomFake(options: { nowMs?: () => number } = {}): Promise<CalcomFake> {
  const nowMs = options.nowMs ?? (() => Date.now());
  const bookings = new Map<string, CalcomFakeBooking[]>();
  const failures: FakeAnswer[] = [];

  const error = (status: number, path: string, code: string, message: string): FakeAnswer => ({
    status,
    body: { status: "error", timestamp: new Date(nowMs()).toISOString(), path, error: { code, message } },
  });

  function handle(request: LoggedProviderRequest): FakeAnswer {
    const injected = failures.shift();
    if (injected) return injected;
    const { path, query } = request;
    if (request.method !== "GET" || path !== "/v2/bookings") return error(404, path, "NotFoundException", `Cannot ${request.method} ${path}`);
    const apiKey = /^Bearer (cal_\S+)$/.exec(request.headers.authorization ?? "")?.[1];
    const visible = apiKey ? bookings.get(apiKey) : undefined;
    if (!visible) return error(401, path, "UnauthorizedException", "Invalid Access Token.");
    const problems: string[] = [];
    for (const name of Object.keys(query)) if (!QUERY.has(name)) problems.push(`property ${name} should not exist`);
    for (const name of ["afterStart", "beforeEnd", "afterCreatedAt", "beforeCreatedAt", "afterUpdatedAt", "beforeUpdatedAt"]) {
      if (query[name] !== undefined && (!ISO_8601.test(query[name]!) || Number.isNaN(Date.parse(query[name]!)))) problems.push(`${name} must be a valid ISO 8601 date string`);
    }
    for (const name of ["sortStart", "sortEnd", "sortCreated", "sortUpdatedAt"]) if (query[name] !== undefined && !["asc", "desc"].includes(query[name]!)) problems.push(`${name} must be one of the following values: asc, desc`);
    const statuses = query.status?.split(",") ?? [];
    if (!statuses.every((status) => STATUS_FILTERS.includes(status))) problems.push(`each value in status must be one of the following values: ${STATUS_FILTERS.join(", ")}`);
    const take = query.take === undefined ? 100 : Number(query.take);
    const skip = query.skip === undefined ? 0 : Number(query.skip);
    if (!Number.isInteger(take) || take < 1 || take > 250) problems.push("take must not be greater than 250 and not less than 1");
    if (!Number.isInteger(skip) || skip < 0) problems.push("skip must not be less than 0");
    if (problems.length) return error(400, path, "BadRequestException", problems.join(", "));

    const now = nowMs();
    const afterStart = query.afterStart ? Date.parse(query.afterStart) : -Infinity;
    const beforeEnd = query.beforeEnd ? Date.parse(query.beforeEnd) : Infinity;
    const matchesStatus = (booking: CalcomFakeBooking) => {
      if (statuses.length === 0) return true;
      const isCancelled = booking.status === "cancelled" || booking.status === "rejected";
      return statuses.some((status) =>
        status === "cancelled" ? isCancelled
        : status === "unconfirmed" ? booking.status === "pending" && booking.endMs >= now
        : status === "upcoming" ? !isCancelled && booking.status !== "pending" && booking.endMs >= now
        : status === "past" ? !isCancelled && booking.endMs < now
        : false,
      );
    };
    const selected = visible
      .filter((booking) => booking.startMs >= afterStart && booking.endMs <= beforeEnd && matchesStatus(booking))
      .sort((a, b) => (query.sortStart === "desc" ? -1 : 1) * (a.startMs - b.startMs));
    const page = selected.slice(skip, skip + take);

    if (request.headers["cal-api-version"] !== CALCOM_FAKE_API_VERSION) {
      // The older version's answer: a different shape and field names.
      return { status: 200, body: { status: "success", data: { bookings: page.map((booking) => ({ id: 1, uid: booking.uid, startTime: new Date(booking.startMs).toISOString(), endTime: new Date(booking.endMs).toISOString() })), recurringInfo: [], nextCursor: null } } };
    }
    const totalPages = Math.max(1, Math.ceil(selected.length / take));
    return {
      status: 200,
      body: {
        status: "success",
        data: page.map(bookingOutput),
        pagination: {
          totalItems: selected.length,
          remainingItems: Math.max(0, selected.length - skip - page.length),
          returnedItems: page.length,
          itemsPerPage: take,
          currentPage: Math.floor(skip / take) + 1,
          totalPages,
          hasNextPage: skip + page.length < selected.length,
          hasPreviousPage: skip > 0,
        },
      },
    };
  }

  const server = await startProviderFakeServer(handle, { status: "error", error: { code: "ServiceUnavailableException", message: "Service Unavailable" } });

  return {
    baseUrl: server.baseUrl,
    addApiKey(apiKey) {
      if (!apiKey.startsWith("cal_")) throw new Error("calcom fake: API keys start with cal_");
      bookings.set(apiKey, bookings.get(apiKey) ?? []);
    },
    putBooking(apiKey, booking) {
      const list = bookings.get(apiKey);
      if (!list) throw new Error(`calcom fake: no API key ${apiKey}`);
      const index = list.findIndex((existing) => existing.uid === booking.uid);
      if (index >= 0) list[index] = booking;
      else list.push(booking);
    },
    failNext(count, failure) {
      for (let index = 0; index < count; index += 1) {
        failures.push(
          failure.status === 429
            ? { ...error(429, "/v2/bookings", "ThrottlerException", "ThrottlerException: Too Many Requests"), headers: { "retry-after": String(failure.retryAfterSeconds) } }
            : error(failure.status, "/v2/bookings", "InternalServerErrorException", "Internal server error"),
        );
      }
    },
    setOutage: (mode) => server.setOutage(mode),
    requests: () => server.requests(),
    stop: () => server.stop(),
  };
}

/** A BookingOutput as the 2024-08-13 documentation's example shows it. */
function bookingOutput(booking: CalcomFakeBooking, index: number): Record<string, unknown> {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: index + 1,
    uid: booking.uid,
    title: booking.title,
    description: "",
    hosts: [{ id: 1, name: "Host", email: booking.hostEmail, username: "host", timeZone: "Europe/Berlin" }],
    status: booking.status,
    ...(booking.cancellationReason ? { cancellationReason: booking.cancellationReason, cancelledByEmail: booking.attendees[0]?.email } : {}),
    ...(booking.rescheduledFromUid ? { rescheduledFromUid: booking.rescheduledFromUid } : {}),
    ...(booking.rescheduledToUid ? { rescheduledToUid: booking.rescheduledToUid } : {}),
    start: iso(booking.startMs),
    end: iso(booking.endMs),
    duration: Math.round((booking.endMs - booking.startMs) / 60_000),
    eventTypeId: 50,
    eventType: { id: 50, slug: "intro" },
    ...(booking.meetingUrl ? { meetingUrl: booking.meetingUrl, location: booking.meetingUrl } : { location: "Office" }),
    absentHost: false,
    createdAt: iso(booking.startMs - 86_400_000),
    updatedAt: iso(booking.startMs - 3_600_000),
    metadata: {},
    attendees: booking.attendees.map((attendee) => ({ ...attendee, absent: attendee.absent ?? false, language: "en" })),
    guests: [],
    bookingFieldsResponses: { name: booking.attendees[0]?.name, email: booking.attendees[0]?.email, ...booking.responses },
  };
}
