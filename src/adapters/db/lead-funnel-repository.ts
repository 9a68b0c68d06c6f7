// The lead funnel in one grouped query: the leads active in the window (an
// outreach event in it, or a matched booking made in it) joined once to their
// own row, counted per stage and campaign. It starts from the window's events
// and bookings (indexed by tenant, type and time), never from every lead, so
// a large organisation's funnel reads only what happened in the window.
import { asc, eq, sql } from "drizzle-orm";
import type { LeadFunnelRepository, LeadFunnelRow } from "../../use-cases/ports/lead-funnel.js";
import type { Db } from "./client.js";
import { campaigns, inboundSources } from "./schema.js";

type CountRow = {
  campaign_id: string | null;
  campaign_name: string | null;
  sent: number;
  delivered: number;
  replied: number;
  interested: number;
  booked: number;
  showed: number;
  no_show: number;
  cancelled: number;
};

export function leadFunnelRepository(db: Db): LeadFunnelRepository {
  return {
    async countByCampaign(tenantId, { fromMs, toMs, campaignId, ownerUserId }) {
      const from = new Date(fromMs);
      const to = new Date(toMs);
      const result = (await db.execute(sql`
        with outreach as (
          select lead_id,
                 bool_or(type = 'sent') as is_sent,
                 bool_or(type = 'delivered') as is_delivered,
                 bool_or(type in ('replied', 'interested', 'not_interested')) as is_replied,
                 bool_or(type = 'interested') as is_interested
          from lead_events
          where tenant_id = ${tenantId} and at >= ${from} and at < ${to}
            and type in ('sent', 'delivered', 'replied', 'interested', 'not_interested')
          group by lead_id
        ),
        booked as (
          select distinct bl.lead_id
          from booking_leads bl
          join bookings b on b.id = bl.booking_id
          where bl.tenant_id = ${tenantId} and b.tenant_id = ${tenantId} and b.created_at >= ${from} and b.created_at < ${to}
        ),
        active as (
          select coalesce(o.lead_id, bk.lead_id) as lead_id, coalesce(o.is_sent, false) as is_sent, coalesce(o.is_delivered, false) as is_delivered,
                 coalesce(o.is_replied, false) as is_replied, coalesce(o.is_interested, false) as is_interested, bk.lead_id is not null as has_booking
          from outreach o
          full join booked bk on bk.lead_id = o.lead_id
        )
        select l.campaign_id, c.name as campaign_name,
               (count(*) filter (where a.is_sent))::int as sent,
               (count(*) filter (where a.is_delivered))::int as delivered,
               (count(*) filter (where a.is_replied))::int as replied,
               (count(*) filter (where a.is_interested))::int as interested,
               (count(*) filter (where a.has_booking and lb.status <> 'cancelled'))::int as booked,
               (count(*) filter (where a.has_booking and lb.status = 'completed'))::int as showed,
               (count(*) filter (where a.has_booking and lb.status = 'no_show'))::int as no_show,
               (count(*) filter (where a.has_booking and lb.status = 'cancelled'))::int as cancelled
        from active a
        join leads l on l.id = a.lead_id and l.tenant_id = ${tenantId}
        left join bookings lb on lb.id = l.latest_booking_id
        left join campaigns c on c.id = l.campaign_id
        where true
          ${campaignId === undefined ? sql`` : sql`and l.campaign_id = ${campaignId}`}
          ${ownerUserId === undefined ? sql`` : sql`and l.owner_user_id = ${ownerUserId}`}
        group by l.campaign_id, c.name
        order by c.name nulls last`)) as unknown as { rows: CountRow[] };
      return result.rows.map(
        (row): LeadFunnelRow => ({
          campaignId: row.campaign_id,
          campaignName: row.campaign_name,
          counts: {
            sent: Number(row.sent),
            delivered: Number(row.delivered),
            replied: Number(row.replied),
            interested: Number(row.interested),
            booked: Number(row.booked),
            showed: Number(row.showed),
            noShow: Number(row.no_show),
            cancelled: Number(row.cancelled),
          },
        }),
      );
    },
    async listCampaigns(tenantId) {
      return db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(eq(campaigns.tenantId, tenantId)).orderBy(asc(campaigns.name), asc(campaigns.id));
    },
    async sourceHealth(tenantId) {
      const rows = await db
        .select({ id: inboundSources.id, name: inboundSources.name, provider: inboundSources.provider, lastBackfillAt: inboundSources.lastBackfillAt, unreachableSince: inboundSources.unreachableSince })
        .from(inboundSources)
        .where(eq(inboundSources.tenantId, tenantId))
        .orderBy(asc(inboundSources.name), asc(inboundSources.id));
      return rows.map(({ lastBackfillAt, unreachableSince, ...row }) => ({ ...row, lastBackfillAtMs: lastBackfillAt?.getTime() ?? null, unreachableSinceMs: unreachableSince?.getTime() ?? null }));
    },
  };
}
