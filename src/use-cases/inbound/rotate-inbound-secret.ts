// A new signing secret for a source, shown in this answer only: deliveries
// signed with the old one are refused from now on (paste the new one into the
// provider). A Calendly subscription is signed with the key it was created
// with, so for one Convene made, the owner deletes and re-adds the source instead.
import { newSecretToken } from "../auth/secret-token.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import { sourceOrNotFound } from "./inbound-source-views.js";

export async function rotateInboundSecret(deps: UseCaseDeps, ctx: RequestContext, sourceId: string): Promise<{ signingSecret: string }> {
  const { tenantId } = ctx.auth;
  const signingSecret = newSecretToken();
  await deps.store.transaction(async (repos) => {
    await sourceOrNotFound(repos, tenantId, sourceId);
    await repos.inboundSources.update(tenantId, sourceId, { signingSecretSealed: deps.secrets.seal(signingSecret) });
    await recordAudit(repos, ctx, "inbound_source.secret_rotated", { type: "inbound_source", id: sourceId });
  });
  return { signingSecret };
}
