// A link's funnel counted per bucket of time in SQL: the caller gives the bucket
// boundaries (local days, computed in core so they are right across DST), and
// width_bucket() puts each row in its bucket, so only counts leave the database.
import { and, count, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { FunnelCounts } from "../../core/booking/analytics.js";
import type { LinkAnalyticsRepository } from "../../use-cases/ports.js";
import type { Db } from "./client.js";
import { bookings, linkViews } from "./schema.js";

/** How many rows fall in each bucket [b0, b1), [b1, b2), … (n boundaries → n − 1 counts). */
async function countPerBucket(
  db: Db,
  table: typeof linkViews | typeof bookings,
  at: PgColumn,
  filter: SQL | undefined,
  boundariesMs: number[],
): Promise<number[]> {
  const counts = new Array<number>(Math.max(boundariesMs.length - 1, 0)).fill(0);
  if (counts.length === 0) return counts;
  // One text parameter cast to an array works the same on PGlite and node-postgres.
  const thresholds = `{${boundariesMs.map((ms) => new Date(ms).toISOString()).join(",")}}`;
  const bucket = sql<number>`width_bucket(${at}, ${thresholds}::timestamptz[])`.mapWith(Number);
  const rows = await db
    .select({ bucket, n: count() })
    .from(table)
    .where(and(filter, gte(at, new Date(boundariesMs[0]!)), lt(at, new Date(boundariesMs.at(-1)!))))
    // By position: the bucket expression repeated here would carry its own parameters and not match the select's.
    .groupBy(sql`1`);
  for (const row of rows) counts[row.bucket - 1] = row.n;
  return counts;
}

export function linkAnalyticsRepository(db: Db): LinkAnalyticsRepository {
  return {
    async countsBetween(tenantId, linkId, boundariesMs) {
      const ofViews = and(eq(linkViews.tenantId, tenantId), eq(linkViews.linkId, linkId));
      const ofBookings = and(eq(bookings.tenantId, tenantId), eq(bookings.linkId, linkId));
      const [views, created, cancelled, noShows] = await Promise.all([
        countPerBucket(db, linkViews, linkViews.at, ofViews, boundariesMs),
        countPerBucket(db, bookings, bookings.createdAt, ofBookings, boundariesMs),
        countPerBucket(db, bookings, bookings.cancelledAt, ofBookings, boundariesMs),
        countPerBucket(db, bookings, bookings.startAt, and(ofBookings, eq(bookings.status, "no_show")), boundariesMs),
      ]);
      return views.map(
        (n, i): FunnelCounts => ({ views: n, bookings: created[i]!, cancellations: cancelled[i]!, noShows: noShows[i]! }),
      );
    },
  };
}
