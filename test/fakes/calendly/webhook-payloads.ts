// Calendly's resources and webhook deliveries as its documentation shows them
// (developer.calendly.com/api-docs: Invitee, Event, Invitee Payload, the
// webhook examples and the recipe "See how webhook payloads change when
// invitees reschedule events"), and the signature exactly as "Webhook
// Signatures" describes it. The fake serves these resources from its API and
// sends these deliveries, so the parser and the backfill read the same shapes.
import { createHmac } from "node:crypto";

export const CALENDLY_API_ORIGIN = "https://api.calendly.com";

export type InviteeFixture = {
  eventUuid: string;
  inviteeUuid: string;
  email: string;
  name: string;
  startMs: number;
  endMs: number;
  eventName?: string;
  hostEmail?: string;
  hostUserUri?: string;
  timezone?: string;
  joinUrl?: string | null;
  questions?: Array<{ question: string; answer: string }>;
  guests?: string[];
  /** When the invitee was created and last updated (defaults: an hour before the start). */
  createdAtMs?: number;
  updatedAtMs?: number;
};

export const eventUri = (eventUuid: string) => `${CALENDLY_API_ORIGIN}/scheduled_events/${eventUuid}`;
export const inviteeUri = (eventUuid: string, inviteeUuid: string) => `${eventUri(eventUuid)}/invitees/${inviteeUuid}`;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");

/** An Event resource (GET /scheduled_events). */
export function calendlyEvent(fixture: InviteeFixture, overrides: { status?: "active" | "canceled"; cancellation?: Record<string, unknown> } = {}): Record<string, unknown> {
  const createdAtMs = fixture.createdAtMs ?? fixture.startMs - 3_600_000;
  return {
    uri: eventUri(fixture.eventUuid),
    name: fixture.eventName ?? "30 Minute Meeting",
    meeting_notes_plain: null,
    meeting_notes_html: null,
    status: overrides.status ?? "active",
    start_time: iso(fixture.startMs),
    end_time: iso(fixture.endMs),
    event_type: `${CALENDLY_API_ORIGIN}/event_types/GBGBDCAADAEDCRZ2`,
    location: fixture.joinUrl === null ? { type: "physical", location: "Calendly HQ" } : { type: "zoom", status: "pushed", join_url: fixture.joinUrl ?? `https://zoom.us/j/${fixture.eventUuid.length}123456` },
    invitees_counter: { total: 1, active: overrides.status === "canceled" ? 0 : 1, limit: 1 },
    created_at: iso(createdAtMs),
    updated_at: iso(fixture.updatedAtMs ?? createdAtMs),
    event_memberships: [{ user: fixture.hostUserUri ?? `${CALENDLY_API_ORIGIN}/users/GBGBDCAADAEDCRZ2`, user_email: fixture.hostEmail ?? "host@example.com", user_name: "Host" }],
    event_guests: (fixture.guests ?? []).map((email) => ({ email, created_at: iso(createdAtMs), updated_at: iso(createdAtMs) })),
    ...(overrides.cancellation ? { cancellation: overrides.cancellation } : {}),
  };
}

export type InviteeState = {
  status?: "active" | "canceled";
  rescheduled?: boolean;
  oldInvitee?: string | null;
  newInvitee?: string | null;
  cancelReason?: string;
  canceledAtMs?: number;
  noShowAtMs?: number | null;
};

/** An Invitee resource (GET /scheduled_events/{uuid}/invitees). */
export function calendlyInvitee(fixture: InviteeFixture, state: InviteeState = {}): Record<string, unknown> {
  const createdAtMs = fixture.createdAtMs ?? fixture.startMs - 3_600_000;
  const [firstName, ...rest] = fixture.name.split(" ");
  const isCanceled = state.status === "canceled";
  return {
    uri: inviteeUri(fixture.eventUuid, fixture.inviteeUuid),
    email: fixture.email,
    first_name: firstName ?? null,
    last_name: rest.join(" ") || null,
    name: fixture.name,
    status: state.status ?? "active",
    questions_and_answers: (fixture.questions ?? []).map((entry, index) => ({ ...entry, position: index })),
    timezone: fixture.timezone ?? "America/New_York",
    event: eventUri(fixture.eventUuid),
    created_at: iso(createdAtMs),
    updated_at: iso(state.canceledAtMs ?? state.noShowAtMs ?? fixture.updatedAtMs ?? createdAtMs),
    tracking: { utm_campaign: null, utm_source: null, utm_medium: null, utm_content: null, utm_term: null, salesforce_uuid: null },
    text_reminder_number: null,
    rescheduled: state.rescheduled ?? false,
    old_invitee: state.oldInvitee ?? null,
    new_invitee: state.newInvitee ?? null,
    cancel_url: `https://calendly.com/cancellations/${fixture.inviteeUuid}`,
    reschedule_url: `https://calendly.com/reschedulings/${fixture.inviteeUuid}`,
    routing_form_submission: null,
    payment: null,
    no_show: state.noShowAtMs ? { uri: `${CALENDLY_API_ORIGIN}/invitee_no_shows/${fixture.inviteeUuid}`, created_at: iso(state.noShowAtMs) } : null,
    reconfirmation: null,
    scheduling_method: null,
    invitee_scheduled_by: null,
    ...(isCanceled
      ? { cancellation: { canceled_by: fixture.name, reason: state.cancelReason ?? null, canceler_type: "invitee", created_at: iso(state.canceledAtMs ?? createdAtMs) } }
      : {}),
  };
}

/** The payload of an invitee.* / invitee_no_show.* delivery: the Invitee with its Event inlined. */
export function inviteePayload(fixture: InviteeFixture, state: InviteeState = {}): Record<string, unknown> {
  const cancellation = state.status === "canceled" ? (calendlyInvitee(fixture, state).cancellation as Record<string, unknown>) : undefined;
  return { ...calendlyInvitee(fixture, state), scheduled_event: calendlyEvent(fixture, { status: state.status ?? "active", ...(cancellation ? { cancellation } : {}) }) };
}

export const inviteeCreated = (fixture: InviteeFixture) => inviteePayload(fixture);
/** The new half of a reschedule: a new invitee naming the one it replaces. */
export const inviteeCreatedAfterReschedule = (fixture: InviteeFixture, oldInvitee: string) => inviteePayload(fixture, { oldInvitee });
export const inviteeCanceled = (fixture: InviteeFixture, reason: string, canceledAtMs: number) => inviteePayload(fixture, { status: "canceled", cancelReason: reason, canceledAtMs });
/** The old half of a reschedule: canceled with rescheduled: true and new_invitee set. */
export const inviteeCanceledForReschedule = (fixture: InviteeFixture, newInvitee: string, canceledAtMs: number) =>
  inviteePayload(fixture, { status: "canceled", rescheduled: true, newInvitee, canceledAtMs });
export const noShowCreated = (fixture: InviteeFixture, atMs: number) => inviteePayload(fixture, { noShowAtMs: atMs });
export const noShowDeleted = (fixture: InviteeFixture) => inviteePayload(fixture);
/** A routing form submission (organization-scoped at Calendly); Convene acknowledges and ignores it. */
export const routingFormSubmissionCreated = () => ({
  uri: `${CALENDLY_API_ORIGIN}/routing_form_submissions/AAAAAAAAAAAAAAAA`,
  routing_form: `${CALENDLY_API_ORIGIN}/routing_forms/AAAAAAAAAAAAAAAA`,
  questions_and_answers: [{ question_uuid: "123e4567-e89b-12d3-a456-426614174000", question: "What is your industry?", answer: "IT & Software" }],
  tracking: { utm_campaign: null, utm_source: null },
  result: { type: "event_type", value: `${CALENDLY_API_ORIGIN}/event_types/AAAAAAAAAAAAAAAA` },
  submitter: null,
  submitter_type: null,
  created_at: "2019-08-24T14:15:22.123456Z",
  updated_at: "2019-08-24T14:15:22.123456Z",
});

/** A delivery's body: {created_at, created_by, event, payload}. */
export function calendlyDeliveryBody(event: string, payload: Record<string, unknown>, createdAtMs: number, createdBy = `${CALENDLY_API_ORIGIN}/users/GBGBDCAADAEDCRZ2`): string {
  return JSON.stringify({ created_at: iso(createdAtMs), created_by: createdBy, event, payload });
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, as Calendly signs. */
export function calendlySignature(rawBody: string | Buffer, signingKey: string, atMs: number): string {
  const t = Math.floor(atMs / 1000);
  const v1 = createHmac("sha256", signingKey).update(`${t}.`).update(rawBody).digest("hex");
  return `t=${t},v1=${v1}`;
}

/** A delivery as Convene's receiver sees it: the raw bytes and the lower-cased headers. */
export function signedCalendlyDelivery(event: string, payload: Record<string, unknown>, signingKey: string, atMs: number): { rawBody: Buffer; headers: Record<string, string> } {
  const rawBody = Buffer.from(calendlyDeliveryBody(event, payload, atMs));
  return { rawBody, headers: { "content-type": "application/json", "calendly-webhook-signature": calendlySignature(rawBody, signingKey, atMs) } };
}
