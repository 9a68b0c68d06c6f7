// The dev outbox: mail Convene would have sent, kept when no SMTP server is set.
import { desc, eq, type SQL } from "drizzle-orm";
import type { MailOutboxRepository } from "../../use-cases/ports/deliveries.js";
import type { Db } from "./client.js";
import { mailOutbox } from "./schema.js";

export function mailOutboxRepository(db: Db): MailOutboxRepository {
  async function listWhere(condition: SQL | undefined, limit: number) {
    const rows = await db.select().from(mailOutbox).where(condition).orderBy(desc(mailOutbox.id)).limit(limit);
    return rows.map((row) => ({
      id: row.id,
      messageId: row.messageId,
      fromAddress: row.fromAddress,
      to: { name: row.toName, email: row.toEmail },
      subject: row.subject,
      text: row.textBody,
      html: row.htmlBody,
      invite: row.icsMethod && row.ics ? { method: row.icsMethod as "REQUEST" | "CANCEL", content: row.ics } : undefined,
      idempotencyKey: row.messageId,
      tenantId: row.tenantId ?? undefined,
      createdAtMs: row.createdAt.getTime(),
    }));
  }

  return {
    async save(mail) {
      await db
        .insert(mailOutbox)
        .values({
          tenantId: mail.tenantId ?? null,
          messageId: mail.messageId,
          fromAddress: mail.fromAddress,
          toEmail: mail.to.email,
          toName: mail.to.name,
          subject: mail.subject,
          textBody: mail.text,
          htmlBody: mail.html,
          icsMethod: mail.invite?.method ?? null,
          ics: mail.invite?.content ?? null,
          createdAt: new Date(mail.createdAtMs),
        })
        .onConflictDoNothing();
    },
    list: (tenantId, { limit }) => listWhere(eq(mailOutbox.tenantId, tenantId), limit),
    listAll: ({ limit }) => listWhere(undefined, limit),
  };
}
