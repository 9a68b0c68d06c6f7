// Bookings matched to leads and the unmatched queue over Drizzle.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { LeadMatchRepository, UnmatchedRecord } from "../../use-cases/ports/lead-matches.js";
import type { Db } from "./client.js";
import { bookingHosts, bookingLeads, bookings, leads, links, oneTimeLinks, unmatchedAttendees } from "./schema.js";

type UnmatchedRow = typeof unmatchedAttendees.$inferSelect;

function toRecord(row: UnmatchedRow): UnmatchedRecord {
  return { id: row.id, bookingId: row.bookingId, email: row.email, emailKey: row.emailKey, name: row.name, state: row.state, leadId: row.leadId, createdAtMs: row.createdAt.getTime() };
}

/** A name as suggestions compare it (see core/leads/lead-suggestions.ts normalName). */
const normalNameSql = sql`lower(regexp_replace(btrim(${leads.name}), '\\s+', ' ', 'g'))`;

export function leadMatchRepository(db: Db): LeadMatchRepository {
  return {
    async hasLeads(tenantId) {
      const [row] = await db.select({ id: leads.id }).from(leads).where(eq(leads.tenantId, tenantId)).limit(1);
      return row !== undefined;
    },
    async leadOfOneTimeLink(tenantId, oneTimeLinkId) {
      const [row] = await db
        .select({ leadId: oneTimeLinks.leadId })
        .from(oneTimeLinks)
        .where(and(eq(oneTimeLinks.tenantId, tenantId), eq(oneTimeLinks.id, oneTimeLinkId)));
      return row?.leadId ?? null;
    },
    async leadIdsByEmailKeys(tenantId, emailKeys) {
      if (emailKeys.length === 0) return new Map();
      const rows = await db
        .select({ id: leads.id, emailKey: leads.emailKey })
        .from(leads)
        .where(and(eq(leads.tenantId, tenantId), inArray(leads.emailKey, [...emailKeys])));
      return new Map(rows.map((row) => [row.emailKey, row.id]));
    },
    async getLeads(tenantId, leadIds) {
      if (leadIds.length === 0) return [];
      return db
        .select({ id: leads.id, email: leads.email, emailKey: leads.emailKey, name: leads.name, company: leads.company, ownerUserId: leads.ownerUserId })
        .from(leads)
        .where(and(eq(leads.tenantId, tenantId), inArray(leads.id, [...leadIds])));
    },
    async addBookingLeads(tenantId, bookingId, matches, atMs) {
      if (matches.length === 0) return;
      await db
        .insert(bookingLeads)
        .values(matches.map((match) => ({ tenantId, bookingId, ...match, matchedAt: new Date(atMs) })))
        .onConflictDoNothing();
    },
    async leadIdsOfBooking(tenantId, bookingId) {
      const rows = await db
        .select({ leadId: bookingLeads.leadId })
        .from(bookingLeads)
        .where(and(eq(bookingLeads.tenantId, tenantId), eq(bookingLeads.bookingId, bookingId)))
        .orderBy(asc(bookingLeads.leadId));
      return rows.map((row) => row.leadId);
    },
    async addUnmatched(tenantId, bookingId, attendees, atMs) {
      if (attendees.length === 0) return;
      await db
        .insert(unmatchedAttendees)
        .values(attendees.map((attendee) => ({ tenantId, bookingId, email: attendee.email, emailKey: attendee.emailKey, name: attendee.name, createdAt: new Date(atMs) })))
        .onConflictDoNothing();
    },
    async listOpen(tenantId, { limit, hostUserId }) {
      const rows = await db
        .select({
          entry: unmatchedAttendees,
          startAt: bookings.startAt,
          endAt: bookings.endAt,
          status: bookings.status,
          source: bookings.source,
          title: sql<string | null>`coalesce(${bookings.externalTitle}, ${links.title})`,
          company: sql<string | null>`nullif(btrim(${bookings.answers}->>'company'), '')`,
        })
        .from(unmatchedAttendees)
        .innerJoin(bookings, eq(bookings.id, unmatchedAttendees.bookingId))
        .leftJoin(links, eq(links.id, bookings.linkId))
        .where(
          and(
            eq(unmatchedAttendees.tenantId, tenantId),
            eq(unmatchedAttendees.state, "open"),
            hostUserId === undefined
              ? undefined
              : sql`exists (select 1 from ${bookingHosts} where ${bookingHosts.bookingId} = ${bookings.id} and ${bookingHosts.hostUserId} = ${hostUserId})`,
          ),
        )
        // Within a booking (one instant for all its attendees): the invitee, then the guests by address.
        .orderBy(
          desc(unmatchedAttendees.createdAt),
          asc(unmatchedAttendees.bookingId),
          sql`${unmatchedAttendees.emailKey} = lower(btrim(${bookings.inviteeEmail})) desc`,
          asc(unmatchedAttendees.emailKey),
        )
        .limit(limit);
      return rows.map((row) => ({
        ...toRecord(row.entry),
        booking: { startMs: row.startAt.getTime(), endMs: row.endAt.getTime(), status: row.status, source: row.source, title: row.title, company: row.company },
      }));
    },
    async getForUpdate(tenantId, entryId) {
      const [row] = await db
        .select()
        .from(unmatchedAttendees)
        .where(and(eq(unmatchedAttendees.tenantId, tenantId), eq(unmatchedAttendees.id, entryId)))
        .for("update");
      return row ? toRecord(row) : null;
    },
    async openForEmailKeys(tenantId, emailKeys) {
      if (emailKeys.length === 0) return [];
      const rows = await db
        .select()
        .from(unmatchedAttendees)
        .where(and(eq(unmatchedAttendees.tenantId, tenantId), eq(unmatchedAttendees.state, "open"), inArray(unmatchedAttendees.emailKey, [...emailKeys])))
        .orderBy(asc(unmatchedAttendees.createdAt), asc(unmatchedAttendees.id))
        .for("update");
      return rows.map(toRecord);
    },
    async resolve(tenantId, entryId, { state, leadId, byUserId, atMs }) {
      await db
        .update(unmatchedAttendees)
        .set({ state, leadId, resolvedByUserId: byUserId, resolvedAt: new Date(atMs) })
        .where(and(eq(unmatchedAttendees.tenantId, tenantId), eq(unmatchedAttendees.id, entryId)));
    },
    async suggestionCandidates(tenantId, { names, domains, ownerUserId }, limit) {
      if (names.length === 0 && domains.length === 0) return [];
      const byName = names.length > 0 ? sql`${normalNameSql} in (${sql.join(names.map((name) => sql`${name}`), sql`, `)})` : sql`false`;
      const byDomain = domains.length > 0 ? sql`split_part(${leads.emailKey}, '@', 2) in (${sql.join(domains.map((domain) => sql`${domain}`), sql`, `)})` : sql`false`;
      const rows = await db
        .select({ id: leads.id, name: leads.name, company: leads.company, emailKey: leads.emailKey, createdAt: leads.createdAt })
        .from(leads)
        .where(and(eq(leads.tenantId, tenantId), ownerUserId === undefined ? undefined : eq(leads.ownerUserId, ownerUserId), sql`(${byName} or ${byDomain})`))
        .orderBy(desc(leads.createdAt), desc(leads.id))
        .limit(limit);
      return rows.map(({ createdAt, ...row }) => ({ ...row, createdAtMs: createdAt.getTime() }));
    },
    async isHostOf(tenantId, bookingId, userId) {
      const [row] = await db
        .select({ bookingId: bookingHosts.bookingId })
        .from(bookingHosts)
        .where(and(eq(bookingHosts.tenantId, tenantId), eq(bookingHosts.bookingId, bookingId), eq(bookingHosts.hostUserId, userId)));
      return row !== undefined;
    },
  };
}
