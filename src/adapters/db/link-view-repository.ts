// Openings of public booking pages, the top of each link's funnel (see link-analytics-repository.ts).
import { and, eq } from "drizzle-orm";
import type { LinkViewRepository } from "../../use-cases/ports/links.js";
import type { Db } from "./client.js";
import { linkViews } from "./schema.js";

/** Referrers are kept for analytics, not as an archive of URLs: longer ones are cut. */
const MAX_REFERRER_CHARS = 2000;

export function linkViewRepository(db: Db): LinkViewRepository {
  return {
    async record(tenantId, view) {
      const [row] = await db
        .insert(linkViews)
        .values({
          tenantId,
          linkId: view.linkId,
          oneTimeLinkId: view.oneTimeLinkId,
          referrer: view.referrer === null ? null : view.referrer.slice(0, MAX_REFERRER_CHARS),
          utm: view.utm ?? null,
          at: new Date(view.atMs),
        })
        .returning({ id: linkViews.id });
      return row!.id;
    },
    async get(tenantId, viewId) {
      const [row] = await db
        .select({ id: linkViews.id, linkId: linkViews.linkId, oneTimeLinkId: linkViews.oneTimeLinkId, at: linkViews.at })
        .from(linkViews)
        .where(and(eq(linkViews.tenantId, tenantId), eq(linkViews.id, viewId)));
      return row ? { id: row.id, linkId: row.linkId, oneTimeLinkId: row.oneTimeLinkId, atMs: row.at.getTime() } : null;
    },
  };
}
