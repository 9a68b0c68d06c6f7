// Creates a booking link owned by the caller, with its questions when they are sent along.
import { ConveneError } from "../../core/errors.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import { withOwner } from "./get-link.js";
import { checkConferenceCalendars, checkLink, freeSlug, withDefaults, type LinkInput } from "./link-input.js";
import { saveLinkQuestions, type LinkQuestions } from "./link-questions.js";

export async function createLink(deps: UseCaseDeps, ctx: RequestContext, input: LinkInput, questions: LinkQuestions = {}) {
  const { tenantId, userId } = ctx.auth;
  return deps.store.transaction(async (repos) => {
    const owner = await repos.users.get(tenantId, userId);
    if (!owner) throw new ConveneError("UNAUTHENTICATED");
    const fields = withDefaults(input, owner);
    await checkLink(repos, tenantId, fields);
    await checkConferenceCalendars(repos, tenantId, fields);
    fields.slug = await freeSlug(repos, tenantId, owner.id, fields.slug, fields.title);
    fields.templateId = await saveLinkQuestions(repos, ctx, fields, questions);
    const link = await repos.links.create(tenantId, owner.id, fields);
    await recordAudit(repos, ctx, "link.created", { type: "link", id: link.id }, { ...fields });
    return withOwner(repos, tenantId, link);
  });
}
