// Host assignments read back from booking history: the newest entry per
// booking that recorded the engine's choice (a reschedule may choose anew).
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { HostAssignmentRepository } from "../../use-cases/ports/host-assignments.js";
import type { Db } from "./client.js";
import { bookingHistory } from "./schema.js";

export function hostAssignmentRepository(db: Db): HostAssignmentRepository {
  return {
    async latestOf(tenantId, bookingIds) {
      const assignments = new Map<string, { hostUserIds: string[]; why: string }>();
      if (bookingIds.length === 0) return assignments;
      const rows = await db
        .selectDistinctOn([bookingHistory.bookingId], { bookingId: bookingHistory.bookingId, newValues: bookingHistory.newValues })
        .from(bookingHistory)
        .where(and(eq(bookingHistory.tenantId, tenantId), inArray(bookingHistory.bookingId, [...bookingIds]), sql`${bookingHistory.newValues} ? 'hostChoice'`))
        .orderBy(bookingHistory.bookingId, desc(bookingHistory.id));
      for (const { bookingId, newValues } of rows) {
        const why = newValues?.["hostChoice"];
        const hostUserIds = newValues?.["hostUserIds"];
        if (typeof why === "string" && Array.isArray(hostUserIds)) assignments.set(bookingId, { hostUserIds: hostUserIds.map(String), why });
      }
      return assignments;
    },
  };
}
