// The signed-in user changes their own profile: name, time zone, handle (which
// moves every booking URL of theirs), working hours (team links that use each
// host's own hours read them), the sentence a lead's booking link comes with. The audit log keeps old and new values.
import { assertHandle } from "../../core/account/handle.js";
import { changedFields, hasChanges } from "../../core/changes.js";
import { ConveneError } from "../../core/errors.js";
import { acceptTimeZone } from "../../core/time/zone.js";
import { linkSentenceProblemOf } from "../../core/leads/link-sentence.js";
import { validateWeeklyHours } from "../../core/booking/link-rules.js";
import type { ProfileFields } from "../ports/accounts.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export async function updateProfile(deps: UseCaseDeps, ctx: RequestContext, sent: Partial<ProfileFields>) {
  const changes = sent.timeZone === undefined ? sent : { ...sent, timeZone: acceptTimeZone(sent.timeZone) };
  const { tenantId, userId } = ctx.auth;
  return deps.store.transaction(async (repos) => {
    const before = await repos.users.get(tenantId, userId);
    if (!before) throw new ConveneError("UNAUTHENTICATED", "This account no longer exists.");
    const changed = changedFields(before, changes, ["name", "timeZone", "handle", "weeklyHours", "leadLinkSentence"]);
    if (!hasChanges(changed)) return before;
    if (changed["leadLinkSentence"] && changes.leadLinkSentence) {
      const problem = linkSentenceProblemOf(changes.leadLinkSentence);
      if (problem) throw new ConveneError("INVALID_LINK_SENTENCE", `leadLinkSentence ${problem}.`, { details: { errors: [{ path: "body.leadLinkSentence", message: problem }] } });
    }
    if (changed["weeklyHours"] && changes.weeklyHours) validateWeeklyHours(changes.weeklyHours);
    if (changed["handle"]) {
      assertHandle(changes.handle!);
      if (await repos.users.isHandleTaken(changes.handle!)) throw new ConveneError("HANDLE_TAKEN", `The handle ${changes.handle} is taken; pick another.`);
    }
    const after = await repos.users.update(tenantId, userId, Object.fromEntries(Object.keys(changed).map((key) => [key, changes[key as keyof ProfileFields]])));
    if (!after) throw new ConveneError("UNAUTHENTICATED", "This account no longer exists.");
    await recordAudit(repos, ctx, "user.updated", { type: "user", id: after.id }, changed);
    return after;
  });
}
