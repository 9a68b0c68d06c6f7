// Changes a link (PATCH semantics), with its questions when they are sent
// along; the audit log keeps the old and new values of what changed, and a
// PATCH that changes nothing leaves no entry.
import { changedFields, hasChanges } from "../../core/changes.js";
import { ConveneError } from "../../core/errors.js";
import { canonicalTimeZone } from "../../core/time/zone-names.js";
import type { LinkFields } from "../ports/links.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import { reachableLink, withOwner } from "./get-link.js";
import { checkConferenceCalendars, checkLink } from "./link-input.js";
import { saveLinkQuestions, type LinkQuestions } from "./link-questions.js";

export async function updateLink(deps: UseCaseDeps, ctx: RequestContext, linkId: string, changes: Partial<LinkFields>, questions: LinkQuestions = {}) {
  const { tenantId } = ctx.auth;
  return deps.store.transaction(async (repos) => {
    const before = await reachableLink(repos, ctx, linkId, "write");
    const merged: LinkFields = { ...before, ...changes, ...(changes.timeZone === undefined ? {} : { timeZone: canonicalTimeZone(changes.timeZone) }) };
    if (changes.durationsMin && changes.defaultDurationMin === undefined && !changes.durationsMin.includes(before.defaultDurationMin)) {
      merged.defaultDurationMin = changes.durationsMin[0]!;
    }
    // Hosts taken off the link take their round-robin settings with them, unless the settings are sent too (then they are checked).
    if (changes.hostUserIds && !changes.hostSettings) merged.hostSettings = before.hostSettings.filter((setting) => changes.hostUserIds!.includes(setting.userId));
    await checkLink(repos, tenantId, merged);
    // Only when the location or the hosts change: a host who disconnected since must not block renaming the link.
    if (changes.location !== undefined || changes.hostUserIds !== undefined) await checkConferenceCalendars(repos, tenantId, merged);
    merged.templateId = await saveLinkQuestions(repos, ctx, merged, questions);
    const sent = (questions.questions === undefined ? Object.keys(changes) : [...Object.keys(changes), "templateId"]) as (keyof LinkFields)[];
    const changed = changedFields<LinkFields>(before, merged, sent);
    const after = await repos.links.update(tenantId, linkId, merged, ctx.nowMs);
    if (!after) throw new ConveneError("NOT_FOUND", "No such link.");
    if (hasChanges(changed)) await recordAudit(repos, ctx, "link.updated", { type: "link", id: linkId }, changed);
    return withOwner(repos, tenantId, after);
  });
}
