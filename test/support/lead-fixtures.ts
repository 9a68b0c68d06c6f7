// Leads for the matching, queue and funnel suites: leads inserted with SQL
// (lead creation is its own feature), external bookings written through the
// booking repository as an inbound source would, and the leads channel run
// to completion without the job queue.
import { hashToken } from "../../src/core/token-digest.js";
import type { TenantId } from "../../src/core/tenancy.js";
import { recordBookingEvent } from "../../src/use-cases/bookings/record-booking-event.js";
import { defaultChannels } from "../../src/main.js";
import { fanOutEvents } from "../../src/use-cases/deliveries/fan-out.js";
import { deliverQueued } from "../../src/use-cases/deliveries/deliver.js";
import { LEADS_CHANNEL } from "../../src/use-cases/deliveries/leads-channel.js";
import { mintTenantIdForTest } from "./tenant.js";
import { bearer, sessionCookieOf, type Owner, type TestApp } from "./test-app.js";

export async function tenantIdOf(t: TestApp, owner: Owner): Promise<TenantId> {
  const { rows } = await t.database.executeSql(`select tenant_id from users where id = $1`, [owner.userId]);
  return mintTenantIdForTest((rows[0] as { tenant_id: string }).tenant_id);
}

export type LeadFields = { email: string; name?: string; company?: string; campaignId?: string; ownerUserId?: string; createdAt?: string };

export async function insertLead(t: TestApp, tenantId: TenantId, fields: LeadFields): Promise<string> {
  const { rows } = await t.database.executeSql(
    `insert into leads (tenant_id, email, email_key, name, company, campaign_id, owner_user_id, created_at)
     values ($1, $2, lower(btrim($2)), $3, $4, $5, $6, coalesce($7::timestamptz, now())) returning id`,
    [tenantId, fields.email, fields.name ?? null, fields.company ?? null, fields.campaignId ?? null, fields.ownerUserId ?? null, fields.createdAt ?? null],
  );
  return (rows[0] as { id: string }).id;
}

export async function insertCampaign(t: TestApp, tenantId: TenantId, name: string): Promise<string> {
  const { rows } = await t.database.executeSql(`insert into campaigns (tenant_id, name) values ($1, $2) returning id`, [tenantId, name]);
  return (rows[0] as { id: string }).id;
}

/** Fans out every waiting event with Convene's channels, then delivers the leads channel's deliveries (others stay pending). */
export async function runLeadsChannel(t: TestApp): Promise<number> {
  const channels = defaultChannels(t.deps);
  await fanOutEvents(t.deps.store, channels, t.clock.nowMs);
  const { rows } = await t.database.executeSql(`select id from deliveries where channel = $1 and state = 'pending' order by created_at, id`, [LEADS_CHANNEL]);
  for (const { id } of rows as { id: string }[]) await deliverQueued(t.deps.store, channels, id, t.clock.nowMs, { isFinal: false, retryAtMs: null });
  return rows.length;
}

/** A booking reported by Cal.com or Calendly: no link, a source, its attendees (guests carry the other attendees' addresses). */
export async function insertExternalBooking(
  t: TestApp,
  tenantId: TenantId,
  owner: Owner,
  fields: { source: "calcom" | "calendly"; inviteeEmail: string; inviteeName: string; guests?: string[]; startMs: number; createdAtMs: number; title?: string },
): Promise<string> {
  return t.deps.store.transaction(async (repos) => {
    const booking = await repos.bookings.create(
      tenantId,
      {
        linkId: null,
        oneTimeLinkId: null,
        source: fields.source,
        externalTitle: fields.title ?? "Discovery call",
        startAt: new Date(fields.startMs),
        endAt: new Date(fields.startMs + 30 * 60_000),
        durationMin: 30,
        inviteeName: fields.inviteeName,
        inviteeEmail: fields.inviteeEmail,
        inviteeTimeZone: "UTC",
        answers: {},
        guests: fields.guests ?? [],
        notes: null,
        hostUserIds: [owner.userId],
        manageTokenHash: hashToken(`external-${fields.inviteeEmail}-${fields.startMs}`),
        manageTokenSealed: null,
        createdAtMs: fields.createdAtMs,
      },
      [{ hostUserId: owner.userId, startMs: fields.startMs, busyStartMs: fields.startMs, busyEndMs: fields.startMs + 30 * 60_000 }],
    );
    await recordBookingEvent(repos, tenantId, "created", booking, { actor: { type: "system", id: null }, nowMs: fields.createdAtMs });
    return booking.id;
  });
}

export async function leadRow(t: TestApp, leadId: string): Promise<{ status: string; latest_booking_id: string | null }> {
  const { rows } = await t.database.executeSql(`select status, latest_booking_id from leads where id = $1`, [leadId]);
  return rows[0] as { status: string; latest_booking_id: string | null };
}

export async function bookingLeadsOf(t: TestApp, bookingId: string): Promise<{ lead_id: string; attendee_email: string; matched_by: string }[]> {
  const { rows } = await t.database.executeSql(`select lead_id, attendee_email, matched_by from booking_leads where booking_id = $1 order by lower(attendee_email)`, [bookingId]);
  return rows as { lead_id: string; attendee_email: string; matched_by: string }[];
}

export async function unmatchedOf(t: TestApp, bookingId: string): Promise<{ email_key: string; state: string; lead_id: string | null }[]> {
  const { rows } = await t.database.executeSql(`select email_key, state, lead_id from unmatched_attendees where booking_id = $1 order by email_key`, [bookingId]);
  return rows as { email_key: string; state: string; lead_id: string | null }[];
}

/** A member of the owner's organisation (POST /members makes members), signed in with an API key. */
export async function addMember(t: TestApp, owner: Owner, label: string): Promise<Owner> {
  const email = `${label}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = "correct horse battery staple";
  const added = await t.app.inject({ method: "POST", url: "/api/v1/members", headers: bearer(owner), payload: { email, name: `The ${label}`, timeZone: "Europe/Berlin", password } });
  if (added.statusCode !== 201) throw new Error(`add member failed: ${added.body}`);
  const login = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  const cookie = sessionCookieOf(login);
  const csrfToken = login.json().csrfToken as string;
  const key = await t.app.inject({ method: "POST", url: "/api/v1/api-keys", headers: { cookie, "x-csrf-token": csrfToken }, payload: { name: `${label} key` } });
  return { email, password, cookie, csrfToken, apiKey: key.json().key, userId: added.json().id as string };
}
