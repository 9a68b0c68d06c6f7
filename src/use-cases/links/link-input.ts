// Turns what an owner sends for a link into complete, checked link fields:
// defaults filled in, rules validated by core, hosts checked against the tenant.
import { conferenceCalendarProblem, conferenceOf } from "../../core/booking/conference-location.js";
import { workingHoursOf } from "../../core/account/working-hours.js";
import type { WeeklyHoursRule } from "../../core/availability/types.js";
import { ConveneError } from "../../core/errors.js";
import { canonicalTimeZone } from "../../core/time/zone-names.js";
import { validateLinkRules } from "../../core/booking/link-rules.js";
import { validateLinkLocation } from "../../core/booking/meeting-location.js";
import { slugify } from "../../core/slug.js";
import type { TenantId } from "../../core/tenancy.js";
import type { LinkFields } from "../ports/links.js";
import type { Repositories } from "../ports/store.js";

export type LinkInput = Partial<LinkFields> & { title: string; durationsMin: number[] };

/**
 * A new link starts from its owner's working hours (in the owner's zone) when
 * the request names none: the hours the owner keeps in Settings are the ones
 * their links offer, and each link can still set its own.
 */
export function withDefaults(input: LinkInput, owner: { id: string; timeZone: string; weeklyHours: readonly WeeklyHoursRule[] | null }): LinkFields {
  return {
    slug: input.slug ?? "",
    title: input.title,
    description: input.description ?? "",
    durationsMin: input.durationsMin,
    defaultDurationMin: input.defaultDurationMin ?? input.durationsMin[0] ?? 30,
    location: input.location ?? { type: "jitsi", value: null },
    timeZone: canonicalTimeZone(input.timeZone ?? owner.timeZone),
    weeklyHours: input.weeklyHours ?? workingHoursOf(owner),
    dateOverrides: input.dateOverrides ?? [],
    holidays: input.holidays ?? [],
    bufferBeforeMin: input.bufferBeforeMin ?? 0,
    bufferAfterMin: input.bufferAfterMin ?? 0,
    minNoticeMin: input.minNoticeMin ?? 0,
    slotIntervalMin: input.slotIntervalMin ?? null,
    maxDaysAhead: input.maxDaysAhead === undefined ? 60 : input.maxDaysAhead,
    rangeStartDate: input.rangeStartDate ?? null,
    rangeEndDate: input.rangeEndDate ?? null,
    maxPerDay: input.maxPerDay ?? null,
    maxPerWeek: input.maxPerWeek ?? null,
    hostMode: input.hostMode ?? "single",
    hostUserIds: input.hostUserIds ?? [owner.id],
    hostSettings: input.hostSettings ?? [],
    hostHours: input.hostHours ?? "link",
    templateId: input.templateId ?? null,
    isActive: input.isActive ?? true,
  };
}

/**
 * A Google Meet or Teams location needs every host (the owner, when they are
 * the only one) to have a calendar of that provider receiving new events:
 * whichever host a booking goes to, their calendar makes the meeting. Checked
 * when a link is saved; a host who disconnects later leaves bookings that say
 * so instead of a link (conference-location.ts).
 */
export async function checkConferenceCalendars(repos: Repositories, tenantId: TenantId, link: Pick<LinkFields, "location" | "hostUserIds">): Promise<void> {
  const spec = conferenceOf(link.location.type);
  if (!spec) return;
  const missing = [];
  for (const userId of link.hostUserIds) {
    const destination = await repos.calendars.destinationOf(tenantId, userId);
    if (destination?.connection.provider === spec.provider) continue;
    const host = await repos.users.get(tenantId, userId);
    missing.push({ id: userId, name: host?.name ?? userId });
  }
  const problem = conferenceCalendarProblem(spec, missing);
  if (problem) {
    throw new ConveneError("LOCATION_NEEDS_CALENDAR", problem, { details: { location: spec.kind, provider: spec.provider, hostUserIds: missing.map((host) => host.id) } });
  }
}

/** Validates complete link fields against core rules and the tenant's users and templates. */
export async function checkLink(repos: Repositories, tenantId: TenantId, link: LinkFields): Promise<void> {
  validateLinkRules(link);
  validateLinkLocation(link.location);
  const hosts = await Promise.all(link.hostUserIds.map((userId) => repos.users.get(tenantId, userId)));
  const unknown = link.hostUserIds.filter((_, i) => !hosts[i]);
  if (unknown.length > 0) throw new ConveneError("INVALID_HOSTS", `Not members of this organisation: ${unknown.join(", ")}.`);
  if (link.templateId !== null && !(await repos.templates.get(tenantId, link.templateId))) {
    throw new ConveneError("TEMPLATE_NOT_FOUND", `No template ${link.templateId} in this organisation (deleted templates cannot be used).`, {
      details: { templateId: link.templateId },
    });
  }
}

/** Room for a "-N" suffix under the 64 characters a slug may have. */
const MAX_TITLE_SLUG_LENGTH = 58;

/** The slug asked for (which must be free), or one made from the title and made unique. */
export async function freeSlug(repos: Repositories, tenantId: TenantId, ownerUserId: string, wanted: string, title: string): Promise<string> {
  if (wanted) {
    if (await repos.links.isSlugTaken(tenantId, ownerUserId, wanted)) throw new ConveneError("SLUG_TAKEN", `You already have a link at /${wanted}; pick another slug.`);
    return wanted;
  }
  // Titles in scripts with no transliteration (Chinese…) give nothing; the dashboard asks for a slug then, the API falls back.
  const base = slugify(title, MAX_TITLE_SLUG_LENGTH) || "meeting";
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await repos.links.isSlugTaken(tenantId, ownerUserId, candidate))) return candidate;
  }
}
