// Connects a Cal.com or Calendly account: a webhook URL with an unguessable
// token (stored as SHA-256) and a generated signing secret, both shown in this
// answer only; the secret and any API token are sealed at rest. With a
// Calendly token Convene subscribes its URL itself, before storing anything:
// if Calendly refuses, the owner gets its problem and nothing is kept.
import { ConveneError } from "../../core/errors.js";
import type { InboundProvider } from "../../core/inbound/external-booking.js";
import { hashToken, newSecretToken } from "../auth/secret-token.js";
import type { InboundSourceRecord } from "../ports/inbound-sources.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import { webhookUrlOf, type InboundDeps } from "./inbound-deps.js";

export type NewSourceInput = { provider: InboundProvider; name: string; ownerUserId?: string | undefined; apiToken?: string | undefined };

export type CreatedSource = { source: InboundSourceRecord; webhookUrl: string; signingSecret: string };

export async function createInboundSource(deps: InboundDeps, ctx: RequestContext, input: NewSourceInput): Promise<CreatedSource> {
  const { tenantId } = ctx.auth;
  const ownerUserId = input.ownerUserId ?? ctx.auth.userId;
  if (!(await deps.store.users.get(tenantId, ownerUserId))) throw new ConveneError("NOT_FOUND", "No such user in this organisation (ownerUserId).");
  const webhookToken = newSecretToken();
  const signingSecret = newSecretToken();
  const webhookUrl = webhookUrlOf(deps.publicUrl, webhookToken);
  const adapter = deps.inboundProviders[input.provider];
  const subscription = input.apiToken && adapter.subscribe ? await adapter.subscribe(input.apiToken, { callbackUrl: webhookUrl, signingKey: signingSecret }) : null;
  const source = await deps.store.transaction(async (repos) => {
    const created = await repos.inboundSources.create(tenantId, {
      provider: input.provider,
      name: input.name,
      ownerUserId,
      webhookTokenHash: hashToken(webhookToken),
      signingSecretSealed: deps.secrets.seal(signingSecret),
      apiTokenSealed: input.apiToken ? deps.secrets.seal(input.apiToken) : null,
      providerWebhookRef: subscription?.ref ?? null,
      createdAtMs: ctx.nowMs,
    });
    await recordAudit(repos, ctx, "inbound_source.created", { type: "inbound_source", id: created.id }, { provider: created.provider, name: created.name, hasApiToken: Boolean(input.apiToken), isSubscribed: Boolean(subscription) });
    return created;
  });
  return { source, webhookUrl, signingSecret };
}
