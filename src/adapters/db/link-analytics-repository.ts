// The funnel counted in SQL, in one grouped query: every countable moment (a
// view, a booking made, cancelled, held, showed, missed) is one row of a UNION
// ALL, each arm filtered on its own timestamp (so each can use its index), and
// width_bucket() puts it in its day. The caller gives the day boundaries
// (local days, computed in core so they are right across DST); only counts
// per (link, measure, day) leave the database.
import { and, count, eq, gte, inArray, isNotNull, lt, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { unionAll, type PgColumn } from "drizzle-orm/pg-core";
import { EXTERNAL_KEY_PREFIX, type FunnelMeasure } from "../../core/funnel/funnel.js";
import type { LinkAnalyticsRepository } from "../../use-cases/ports/links.js";
import type { Db } from "./client.js";
import { bookingHosts, bookings, linkViews } from "./schema.js";

export function linkAnalyticsRepository(db: Db): LinkAnalyticsRepository {
  return {
    async countFunnel(tenantId, { boundariesMs, linkId, nowMs, ofMember }) {
      if (boundariesMs.length < 2) return [];
      const from = new Date(boundariesMs[0]!);
      const to = new Date(boundariesMs.at(-1)!);
      // A member's: the booking_hosts primary key (booking_id, host_user_id) answers the EXISTS per booking.
      const ofViews = and(
        eq(linkViews.tenantId, tenantId),
        linkId === null ? undefined : eq(linkViews.linkId, linkId),
        ofMember ? inArray(linkViews.linkId, ofMember.linkIds) : undefined,
      );
      const ofBookings = and(
        eq(bookings.tenantId, tenantId),
        linkId === null ? undefined : eq(bookings.linkId, linkId),
        ofMember ? sql`exists (select 1 from ${bookingHosts} where ${bookingHosts.bookingId} = ${bookings.id} and ${bookingHosts.hostUserId} = ${ofMember.hostUserId})` : undefined,
      );
      const moments = (measure: FunnelMeasure, table: typeof linkViews | typeof bookings, key: PgColumn | SQL, at: PgColumn, filter: SQL | undefined) =>
        db
          .select({ key: sql<string>`${key}`.as("key"), measure: sql<FunnelMeasure>`${measure}::text`.as("measure"), at: sql<Date>`${at}`.as("at") })
          .from(table)
          .where(and(filter, gte(at, from), lt(at, to)));
      // Held: started by now and not cancelled, or attendance recorded (a mark implies the meeting started).
      const isHeld = and(ne(bookings.status, "cancelled"), or(lte(bookings.startAt, new Date(nowMs)), inArray(bookings.status, ["completed", "no_show"])));
      // A booking made at Cal.com or Calendly has no link: it counts under its source ("source:<id>", see EXTERNAL_KEY_PREFIX).
      const bookingKey = sql`coalesce(${bookings.linkId}::text, ${sql.raw(`'${EXTERNAL_KEY_PREFIX}'`)} || ${bookings.inboundSourceId}::text)`;
      const events = unionAll(
        moments("views", linkViews, sql`${linkViews.linkId}::text`, linkViews.at, ofViews),
        moments("bookings", bookings, bookingKey, bookings.createdAt, ofBookings),
        moments("viewedBookings", bookings, bookingKey, bookings.createdAt, and(ofBookings, isNotNull(bookings.linkViewId))),
        moments("cancellations", bookings, bookingKey, bookings.cancelledAt, ofBookings),
        moments("held", bookings, bookingKey, bookings.startAt, and(ofBookings, isHeld)),
        moments("showed", bookings, bookingKey, bookings.startAt, and(ofBookings, eq(bookings.status, "completed"))),
        moments("noShows", bookings, bookingKey, bookings.startAt, and(ofBookings, eq(bookings.status, "no_show"))),
      ).as("moments");
      // One text parameter cast to an array works the same on PGlite and node-postgres.
      const thresholds = `{${boundariesMs.map((ms) => new Date(ms).toISOString()).join(",")}}`;
      const rows = await db
        .select({ key: events.key, measure: events.measure, bucket: sql<number>`width_bucket(${events.at}, ${thresholds}::timestamptz[])`.mapWith(Number), count: count() })
        .from(events)
        // By position: the bucket expression repeated here would carry its own parameters and not match the select's.
        .groupBy(sql`1, 2, 3`);
      return rows.map((row) => ({ key: row.key, measure: row.measure, dayIndex: row.bucket - 1, count: row.count }));
    },
  };
}
