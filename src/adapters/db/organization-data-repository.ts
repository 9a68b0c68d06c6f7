// The organisation's data read page by page for an export (each section with
// the columns it may show: no password or token hashes, no sealed secrets, no
// sync cursors), and the deletion of everything the organisation owns.
import { and, asc, eq, getTableColumns, gt, inArray, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { ExportSection } from "../../core/account/organization-export.js";
import type { TenantId } from "../../core/tenancy.js";
import type { ExportPage, OrganizationDataRepository } from "../../use-cases/ports/organization-data.js";
import type { Db } from "./client.js";
import {
  auditLog,
  bookingHistory,
  bookingHosts,
  bookings,
  calendarConnections,
  calendars,
  campaigns,
  idempotencyKeys,
  leadEvents,
  leads,
  leadTransitions,
  links,
  mailOutbox,
  oneTimeLinks,
  templates,
  tenants,
  users,
} from "./schema.js";

function without<T extends Record<string, PgColumn>, K extends keyof T>(columns: T, ...left: K[]): Omit<T, K> {
  const kept = { ...columns };
  for (const key of left) delete kept[key];
  return kept;
}

type SectionQuery = { table: PgTable; columns: Record<string, PgColumn>; id: PgColumn; tenant: PgColumn };

const SECTIONS: Record<Exclude<ExportSection, "bookings">, SectionQuery> = {
  users: { table: users, columns: without(getTableColumns(users), "passwordHash", "tenantId"), id: users.id, tenant: users.tenantId },
  templates: { table: templates, columns: without(getTableColumns(templates), "tenantId"), id: templates.id, tenant: templates.tenantId },
  links: { table: links, columns: without(getTableColumns(links), "tenantId"), id: links.id, tenant: links.tenantId },
  oneTimeLinks: { table: oneTimeLinks, columns: without(getTableColumns(oneTimeLinks), "token", "tokenHash", "tenantId"), id: oneTimeLinks.id, tenant: oneTimeLinks.tenantId },
  calendarConnections: {
    table: calendarConnections,
    columns: without(getTableColumns(calendarConnections), "configSealed", "tenantId"),
    id: calendarConnections.id,
    tenant: calendarConnections.tenantId,
  },
  calendars: { table: calendars, columns: without(getTableColumns(calendars), "syncCursor", "tenantId"), id: calendars.id, tenant: calendars.tenantId },
  campaigns: { table: campaigns, columns: without(getTableColumns(campaigns), "tenantId"), id: campaigns.id, tenant: campaigns.tenantId },
  // email_key is derived from email; nothing of a lead is secret.
  leads: { table: leads, columns: without(getTableColumns(leads), "tenantId", "emailKey"), id: leads.id, tenant: leads.tenantId },
  leadEvents: { table: leadEvents, columns: without(getTableColumns(leadEvents), "tenantId"), id: leadEvents.id, tenant: leadEvents.tenantId },
  leadTransitions: { table: leadTransitions, columns: without(getTableColumns(leadTransitions), "tenantId"), id: leadTransitions.id, tenant: leadTransitions.tenantId },
  auditLog: { table: auditLog, columns: without(getTableColumns(auditLog), "tenantId"), id: auditLog.id, tenant: auditLog.tenantId },
};

/** Sections whose ids are numbers (bigserial); every other section's are uuids. */
const NUMERIC_IDS: ReadonlySet<PgColumn> = new Set([auditLog.id, leadEvents.id, leadTransitions.id]);

const bookingColumns = without(getTableColumns(bookings), "manageTokenHash", "manageTokenSealed", "tenantId");

function pageOf(rows: Record<string, unknown>[], limit: number): ExportPage {
  const last = rows.length === limit ? rows[rows.length - 1] : undefined;
  return { rows, nextCursor: last ? String(last["id"]) : null };
}

export function organizationDataRepository(db: Db): OrganizationDataRepository {
  async function sectionPage(tenantId: TenantId, query: SectionQuery, cursor: string | null, limit: number): Promise<Record<string, unknown>[]> {
    // Some sections' ids are numbers, the others' uuids: each compares in its own column type.
    const after = cursor === null ? undefined : gt(query.id, NUMERIC_IDS.has(query.id) ? Number(cursor) : cursor);
    return db.select(query.columns).from(query.table).where(and(eq(query.tenant, tenantId), after)).orderBy(asc(query.id)).limit(limit);
  }

  /** Bookings with their hosts and history: two more reads per page, not per booking. */
  async function bookingPage(tenantId: TenantId, cursor: string | null, limit: number): Promise<Record<string, unknown>[]> {
    const rows = await db
      .select(bookingColumns)
      .from(bookings)
      .where(and(eq(bookings.tenantId, tenantId), cursor === null ? undefined : gt(bookings.id, cursor)))
      .orderBy(asc(bookings.id))
      .limit(limit);
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const hosts = await db
      .select({ bookingId: bookingHosts.bookingId, hostUserId: bookingHosts.hostUserId, isActive: bookingHosts.isActive })
      .from(bookingHosts)
      .where(inArray(bookingHosts.bookingId, ids));
    const history = await db
      .select(without(getTableColumns(bookingHistory), "tenantId"))
      .from(bookingHistory)
      .where(inArray(bookingHistory.bookingId, ids))
      .orderBy(asc(bookingHistory.id));
    return rows.map((row) => ({
      ...row,
      hosts: hosts.filter((host) => host.bookingId === row.id).map(({ hostUserId, isActive }) => ({ userId: hostUserId, isActive })),
      attendance: row.attendanceMarkedAt ? { status: row.status, markedAt: row.attendanceMarkedAt } : null,
      history: history.filter((entry) => entry.bookingId === row.id).map(({ bookingId: _bookingId, ...entry }) => entry),
    }));
  }

  return {
    async exportPage(tenantId, section, cursor, limit) {
      const rows = section === "bookings" ? await bookingPage(tenantId, cursor, limit) : await sectionPage(tenantId, SECTIONS[section], cursor, limit);
      return pageOf(rows, limit);
    },

    async deleteEverything(tenantId) {
      const tenantUsers = db.select({ id: sql`${users.id}::text` }).from(users).where(eq(users.tenantId, tenantId));
      const userEmails = db.select({ email: users.email }).from(users).where(eq(users.tenantId, tenantId));
      // Stored answers to booking requests are keyed by link or token, not tenant; each names its booking.
      await db.execute(
        sql`delete from ${idempotencyKeys} k using ${bookings} b where b.tenant_id = ${tenantId} and position(b.id::text in k.response_body::text) > 0`,
      );
      // Mail and audit entries written before a tenant was known (a reset asked for by address, a failed sign-in).
      await db.delete(mailOutbox).where(inArray(mailOutbox.toEmail, userEmails));
      await db.delete(auditLog).where(or(inArray(auditLog.actorId, tenantUsers), inArray(auditLog.targetId, tenantUsers)) as SQL);
      // Everything else carries tenant_id, which cascades from the tenant row.
      await db.delete(tenants).where(eq(tenants.id, tenantId));
    },
  };
}
