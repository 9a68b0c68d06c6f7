// Sample requests for the route sweeps (tenancy, roles): a valid body for each
// authenticated write route, so validation passes and the check under test is
// what answers. A new write route adds its body here, once, for both sweeps.

/** A valid body for each authenticated write route ("METHOD url" as registered). */
export const SAMPLE_BODIES: Record<string, unknown> = {
  "POST /api/v1/api-keys": { name: "sample" },
  "PATCH /api/v1/me": { name: "Taken over" },
  "POST /api/v1/auth/logout": undefined,
  "POST /api/v1/members": { email: "sample@example.com", name: "Sample", timeZone: "UTC" },
  "PATCH /api/v1/members/:id": { role: "admin" },
  "POST /api/v1/invitations": { email: "invitee@example.com", name: "Sample", role: "member", timeZone: "UTC" },
  "POST /api/v1/invitations/:id/resend": undefined,
  "POST /api/v1/me/password": { currentPassword: "not the password", newPassword: "a new long password" },
  "POST /api/v1/me/email": { newEmail: "moved@example.com", currentPassword: "not the password" },
  "POST /api/v1/me/sessions/sign-out-others": undefined,
  "POST /api/v1/links": { title: "Sample", durationsMin: [30] },
  "POST /api/v1/links/preview-slots": { title: "Sample", durationsMin: [30] },
  "PATCH /api/v1/links/:id": { title: "Taken over" },
  "POST /api/v1/links/:id/duplicate": undefined,
  "POST /api/v1/bookings": { start: "2026-12-07T15:00:00Z", durationMin: 30, attendees: [{ name: "Sample", email: "sample@example.com" }], location: { kind: "jitsi" } },
  "POST /api/v1/bookings/:id/cancel": {},
  "POST /api/v1/holds": { start: "2026-12-01T15:00:00Z", durationMin: 30 },
  "POST /api/v1/bookings/:id/reschedule": { start: "2026-12-01T15:00:00Z" },
  "POST /api/v1/bookings/:id/attendance": { status: "no_show" },
  "POST /api/v1/templates": { name: "Sample", questions: [] },
  "PATCH /api/v1/templates/:id": { name: "Taken over" },
  "POST /api/v1/links/:id/one-time": { recipient: { email: "sample@example.com", name: "Sample" } },
  "POST /api/v1/one-time/:token/revoke": undefined,
  "POST /api/v1/one-time/:token/send": {},
  "PATCH /api/v1/calendars/:connectionId": { calendars: [{ id: "00000000-0000-4000-8000-000000000000", isConflict: false }] },
  "POST /api/v1/calendars/:connectionId/sync": undefined,
  "POST /api/v1/unmatched/:id/confirm": { leadId: "00000000-0000-4000-8000-000000000000" },
  "POST /api/v1/unmatched/:id/dismiss": undefined,
  "POST /api/v1/inbound-sources": { provider: "calcom", name: "Sample" },
  "PATCH /api/v1/inbound-sources/:id": { name: "Taken over" },
  "POST /api/v1/inbound-sources/:id/rotate-secret": undefined,
  "POST /api/v1/inbound-sources/:id/backfill": undefined,
  "POST /api/v1/campaigns": { name: "Sample campaign" },
  "PATCH /api/v1/campaigns/:id": { name: "Taken over" },
  "POST /api/v1/leads": { email: "sample.lead@example.com" },
  "PATCH /api/v1/leads/:id": { name: "Taken over" },
  "POST /api/v1/leads/import": [{ email: "sample.import@example.com" }],
  "POST /api/v1/lead-events": { events: [{ id: "sample-1", email: "sample.event@example.com", type: "sent", at: "2026-11-20T10:00:00Z" }] },
  "POST /api/v1/leads/:id/booking-link": { linkId: "00000000-0000-4000-8000-000000000000" },
  "POST /api/v1/notifications/read": { all: true },
  "POST /api/v1/webhooks": { url: "http://127.0.0.1:9/sample", eventTypes: ["booking.created"] },
  "PATCH /api/v1/webhooks/:id": { description: "Taken over" },
  "POST /api/v1/webhooks/:id/rotate-secret": undefined,
  "POST /api/v1/webhooks/:id/test": undefined,
  "POST /api/v1/webhooks/:id/deliveries/:deliveryId/replay": undefined,
  "PATCH /api/v1/organization": { embedOrigins: ["https://www.example.com"] },
};

/** A valid query for list routes that need one. */
export const SAMPLE_QUERIES: Record<string, string> = {
  "/api/v1/contacts/suggestions": "?q=lead",
  // The caller's own free time by default: a past window answers every role alike (no slots), so the sweeps compare like with like.
  "/api/v1/availability": "?from=2020-01-06T00:00:00Z&to=2020-01-07T00:00:00Z&durationMin=30",
  // The stream would stay open: 0 opens it and ends it at once.
  "/api/v1/notifications/stream": "?maxSeconds=0",
};
