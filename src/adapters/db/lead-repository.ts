// Leads over Drizzle. Creating one is INSERT … ON CONFLICT DO NOTHING, so two
// requests for one address never fail on the index: the loser reads the
// winner's id and answers LEAD_EMAIL_TAKEN naming it. Imports write a page of
// rows per statement.
import { and, desc, eq, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { ConveneError } from "../../core/errors.js";
import { emailKeyOf } from "../../core/leads/lead-matching.js";
import type { TenantId } from "../../core/tenancy.js";
import type { LeadRecord, LeadRepository } from "../../use-cases/ports/leads.js";
import { databaseError, type Db } from "./client.js";
import { bookingLeads, bookings, leads } from "./schema.js";

type LeadRow = typeof leads.$inferSelect;

function toRecord(row: LeadRow): LeadRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    email: row.email,
    emailKey: row.emailKey,
    name: row.name,
    company: row.company,
    title: row.title,
    campaignId: row.campaignId,
    ownerUserId: row.ownerUserId,
    customFields: row.customFields,
    status: row.status,
    statusChangedAt: row.statusChangedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** LIKE's own characters in a search term match themselves. */
function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function emailTaken(existingId: string | undefined, email: string, cause?: unknown): ConveneError {
  return new ConveneError("LEAD_EMAIL_TAKEN", `A lead with the email ${email} already exists${existingId ? ` (${existingId})` : ""}.`, {
    details: existingId ? { leadId: existingId } : {},
    ...(cause === undefined ? {} : { cause }),
  });
}

export function leadRepository(db: Db): LeadRepository {
  async function idOf(tenantId: TenantId, emailKey: string): Promise<string | undefined> {
    const [row] = await db.select({ id: leads.id }).from(leads).where(and(eq(leads.tenantId, tenantId), eq(leads.emailKey, emailKey)));
    return row?.id;
  }

  return {
    async create(tenantId, fields, nowMs) {
      const emailKey = emailKeyOf(fields.email);
      const at = new Date(nowMs);
      const [row] = await db
        .insert(leads)
        .values({ ...fields, tenantId, emailKey, statusChangedAt: at, createdAt: at, updatedAt: at })
        .onConflictDoNothing({ target: [leads.tenantId, leads.emailKey] })
        .returning();
      if (!row) throw emailTaken(await idOf(tenantId, emailKey), fields.email);
      return toRecord(row);
    },
    async get(tenantId, leadId) {
      const [row] = await db.select().from(leads).where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)));
      return row ? toRecord(row) : null;
    },
    async getMany(tenantId, leadIds) {
      if (leadIds.length === 0) return [];
      const rows = await db.select().from(leads).where(and(eq(leads.tenantId, tenantId), inArray(leads.id, leadIds)));
      return rows.map(toRecord);
    },
    async findByEmailKeys(tenantId, emailKeys) {
      if (emailKeys.length === 0) return [];
      const rows = await db.select().from(leads).where(and(eq(leads.tenantId, tenantId), inArray(leads.emailKey, emailKeys)));
      return rows.map(toRecord);
    },
    async list(tenantId, filter) {
      const conditions: (SQL | undefined)[] = [eq(leads.tenantId, tenantId)];
      if (filter.status) conditions.push(eq(leads.status, filter.status));
      if (filter.campaignId) conditions.push(eq(leads.campaignId, filter.campaignId));
      if (filter.ownerUserId) conditions.push(eq(leads.ownerUserId, filter.ownerUserId));
      if (filter.query) {
        const pattern = likePattern(filter.query);
        conditions.push(or(ilike(leads.name, pattern), ilike(leads.email, pattern), ilike(leads.company, pattern)));
      }
      if (filter.cursor) {
        const after = new Date(filter.cursor.createdAtMs);
        conditions.push(or(lt(leads.createdAt, after), and(eq(leads.createdAt, after), lt(leads.id, filter.cursor.id))));
      }
      const rows = await db
        .select()
        .from(leads)
        .where(and(...conditions))
        .orderBy(desc(leads.createdAt), desc(leads.id))
        .limit(filter.limit);
      return rows.map(toRecord);
    },
    async update(tenantId, leadId, changes, nowMs) {
      const set: Partial<typeof leads.$inferInsert> = { ...changes, updatedAt: new Date(nowMs) };
      if (changes.email !== undefined) set.emailKey = emailKeyOf(changes.email);
      try {
        const [row] = await db.update(leads).set(set).where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId))).returning();
        return row ? toRecord(row) : null;
      } catch (error) {
        // The use case checks first; two changes racing to one address meet the index here.
        if (databaseError(error).constraint === "leads_tenant_email_key") throw emailTaken(undefined, changes.email ?? "", error);
        throw error;
      }
    },
    async delete(tenantId, leadId) {
      const rows = await db.delete(leads).where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId))).returning({ id: leads.id });
      return rows.length > 0;
    },
    async upsertMany(tenantId, rows, nowMs, { onlyOwnerUserId, newLeadOwnerUserId }) {
      if (rows.length === 0) return [];
      const at = new Date(nowMs).toISOString();
      // The batch travels as ONE JSON parameter unpacked by jsonb_to_recordset: building a
      // 1,000-row VALUES list through the ORM cost more than the database spent on it.
      const batch = JSON.stringify(
        rows.map((row) => ({
          email: row.email,
          email_key: row.emailKey,
          name: row.name,
          company: row.company,
          title: row.title,
          campaign_id: row.campaignId,
          owner_user_id: row.ownerUserId,
          custom_fields: row.customFields,
        })),
      );
      const onlyOwner = onlyOwnerUserId === null ? sql`` : sql` where leads.owner_user_id = ${onlyOwnerUserId}`;
      // A row without an owner: a new lead is the importer's, an existing one keeps its owner (excluded.owner_user_id
      // stays null for it, and the update coalesces). Deciding this in the insert spares updating the new rows again.
      const result = (await db.execute(sql`
        with input as (
          select * from jsonb_to_recordset(${batch}::jsonb)
            as u(email text, email_key text, name text, company text, title text, campaign_id uuid, owner_user_id uuid, custom_fields jsonb)
        ), existing as (
          select email_key from leads where tenant_id = ${tenantId} and email_key in (select email_key from input)
        )
        insert into leads (tenant_id, email, email_key, name, company, title, campaign_id, owner_user_id, custom_fields, status_changed_at, created_at, updated_at)
        select ${tenantId}, u.email, u.email_key, u.name, u.company, u.title, u.campaign_id,
               case when u.owner_user_id is null and e.email_key is null then ${newLeadOwnerUserId}::uuid else u.owner_user_id end,
               coalesce(u.custom_fields, '{}'::jsonb), ${at}, ${at}, ${at}
          from input u left join existing e on e.email_key = u.email_key
        on conflict (tenant_id, email_key) do update set
          email = excluded.email,
          name = coalesce(excluded.name, leads.name),
          company = coalesce(excluded.company, leads.company),
          title = coalesce(excluded.title, leads.title),
          campaign_id = coalesce(excluded.campaign_id, leads.campaign_id),
          owner_user_id = coalesce(excluded.owner_user_id, leads.owner_user_id),
          custom_fields = leads.custom_fields || excluded.custom_fields,
          updated_at = ${at}${onlyOwner}
        -- xmax is 0 on a row this statement inserted, and set on one it updated.
        returning id, email_key as "emailKey", (xmax = 0) as "isCreated"`)) as unknown as { rows: { id: string; emailKey: string; isCreated: boolean }[] };
      return result.rows;
    },
    async ensureByEmail(tenantId, rows, nowMs) {
      if (rows.length === 0) return [];
      const at = new Date(nowMs);
      const created = await db
        .insert(leads)
        .values(rows.map((row) => ({ ...row, tenantId, customFields: {}, statusChangedAt: at, createdAt: at, updatedAt: at })))
        .onConflictDoNothing({ target: [leads.tenantId, leads.emailKey] })
        .returning({ id: leads.id });
      const createdIds = new Set(created.map((row) => row.id));
      const found = await db
        .select({ id: leads.id, emailKey: leads.emailKey, ownerUserId: leads.ownerUserId })
        .from(leads)
        .where(and(eq(leads.tenantId, tenantId), inArray(leads.emailKey, rows.map((row) => row.emailKey))));
      return found.map((row) => ({ ...row, isCreated: createdIds.has(row.id) }));
    },
    async listBookings(tenantId, leadId) {
      return db
        .select({
          bookingId: bookings.id,
          startAt: bookings.startAt,
          status: bookings.status,
          source: bookings.source,
          matchedBy: bookingLeads.matchedBy,
          matchedAt: bookingLeads.matchedAt,
        })
        .from(bookingLeads)
        .innerJoin(bookings, eq(bookings.id, bookingLeads.bookingId))
        .where(and(eq(bookingLeads.tenantId, tenantId), eq(bookingLeads.leadId, leadId)))
        .orderBy(desc(bookings.createdAt));
    },
  };
}

