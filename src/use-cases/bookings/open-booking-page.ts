// What an invitee's booking page shows, through a link or a one-time link:
// the link as that access offers it (a one-time link may fix the duration)
// and the questions to answer. Each opening counts as a view in the funnel,
// and its token lets the booking made from it count toward conversion.
import { bookableUntilMs } from "../../core/booking/link-rules.js";
import type { TemplateQuestion } from "../../core/booking/questions.js";
import type { UtmParameters } from "../../core/embedding/utm.js";
import { openPublicLink, type PublicLinkAccess, type PublicLinkRef } from "../auth/public-access.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { PublicRequestContext } from "../request-context.js";
import { offeredDurationsMin } from "./list-slots.js";
import { viewTokenOf } from "./page-views.js";

/** Longest referrer kept with a view: enough for any real page address. */
const MAX_REFERRER_CHARS = 1000;

export type BookingPage = PublicLinkAccess & {
  durationsMin: number[];
  defaultDurationMin: number;
  /** Slots start before this instant (booking window, date range); null: no limit. */
  bookableUntilMs: number | null;
  questions: TemplateQuestion[];
  /** Names this opening; the booking sends it back so the funnel counts it as booked from a view (see page-views.ts). */
  viewToken: string;
  /** The organisation's sites that may frame this page (and hear its postMessage events). */
  embedOrigins: string[];
};

export async function openBookingPage(deps: UseCaseDeps, ref: PublicLinkRef, visit: { referrer: string | null; utm?: UtmParameters | null }, ctx: PublicRequestContext): Promise<BookingPage> {
  const access = await openPublicLink(deps, ref, ctx.nowMs);
  const template = access.link.templateId ? await deps.store.templates.get(access.tenantId, access.link.templateId) : null;
  const viewId = await deps.store.linkViews.record(access.tenantId, {
    linkId: access.link.id,
    oneTimeLinkId: access.oneTimeLink?.id ?? null,
    referrer: visit.referrer?.slice(0, MAX_REFERRER_CHARS) ?? null,
    utm: visit.utm ?? null,
    atMs: ctx.nowMs,
  });
  const embedOrigins = await deps.store.embedOrigins.get(access.tenantId);
  return {
    ...access,
    ...offeredDurationsMin(access),
    bookableUntilMs: bookableUntilMs(access.link, ctx.nowMs),
    questions: template?.questions ?? [],
    viewToken: viewTokenOf(deps.secrets, viewId),
    embedOrigins,
  };
}
