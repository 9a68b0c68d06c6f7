// Openings of public booking pages, the top of each link's funnel (see link-analytics-repository.ts).
import type { LinkViewRepository } from "../../use-cases/ports/links.js";
import type { Db } from "./client.js";
import { linkViews } from "./schema.js";

/** Referrers are kept for analytics, not as an archive of URLs: longer ones are cut. */
const MAX_REFERRER_CHARS = 2000;

export function linkViewRepository(db: Db): LinkViewRepository {
  return {
    async record(tenantId, view) {
      await db.insert(linkViews).values({
        tenantId,
        linkId: view.linkId,
        oneTimeLinkId: view.oneTimeLinkId,
        referrer: view.referrer === null ? null : view.referrer.slice(0, MAX_REFERRER_CHARS),
        at: new Date(view.atMs),
      });
    },
  };
}
