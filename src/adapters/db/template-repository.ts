// Booking templates (the questions a link asks); a deleted template keeps its row with deleted_at set.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { TemplateRecord, TemplateRepository } from "../../use-cases/ports/links.js";
import type { Db } from "./client.js";
import { links, templates } from "./schema.js";

type TemplateRow = typeof templates.$inferSelect;

function toRecord(row: TemplateRow): TemplateRecord {
  const { deletedAt: _deletedAt, ...rest } = row;
  return rest;
}

export function templateRepository(db: Db): TemplateRepository {
  const live = (tenantId: string, templateId: string) => and(eq(templates.tenantId, tenantId), eq(templates.id, templateId), isNull(templates.deletedAt));
  return {
    async create(tenantId, template, nowMs) {
      const [row] = await db
        .insert(templates)
        .values({ ...template, tenantId, createdAt: new Date(nowMs), updatedAt: new Date(nowMs) })
        .returning();
      return toRecord(row!);
    },
    async get(tenantId, templateId) {
      const [row] = await db.select().from(templates).where(live(tenantId, templateId));
      return row ? toRecord(row) : null;
    },
    async list(tenantId) {
      const rows = await db
        .select()
        .from(templates)
        .where(and(eq(templates.tenantId, tenantId), isNull(templates.deletedAt)))
        .orderBy(asc(templates.createdAt), asc(templates.id));
      return rows.map(toRecord);
    },
    async update(tenantId, templateId, changes, nowMs) {
      const [row] = await db
        .update(templates)
        .set({ ...changes, updatedAt: new Date(nowMs) })
        .where(live(tenantId, templateId))
        .returning();
      return row ? toRecord(row) : null;
    },
    async softDelete(tenantId, templateId, nowMs) {
      const [row] = await db
        .update(templates)
        .set({ deletedAt: new Date(nowMs), updatedAt: new Date(nowMs) })
        .where(live(tenantId, templateId))
        .returning();
      return row ? toRecord(row) : null;
    },
    async linkIdsUsing(tenantId, templateId) {
      const rows = await db
        .select({ id: links.id })
        .from(links)
        .where(and(eq(links.tenantId, tenantId), eq(links.templateId, templateId), isNull(links.deletedAt)))
        .orderBy(asc(links.createdAt));
      return rows.map((row) => row.id);
    },
  };
}
