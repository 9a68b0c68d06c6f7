// A webhook delivery from Cal.com or Calendly: find the source by the URL's
// token, check the signature on the raw bytes (a refusal is kept in the
// source's delivery log and audited), parse it into changes, then in one
// transaction claim the delivery by its dedupe key and apply every change.
// A twin of a delivery already claimed (a provider retry, or the same one
// arriving twice at once) only bumps the count: each is processed once. No
// remote call here: the effects leave through the booking events' fan-out.
import { ConveneError, isConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import { openInboundSource } from "../auth/inbound-access.js";
import type { InboundHeaders } from "../ports/inbound-providers.js";
import type { InboundSourceRecord } from "../ports/inbound-sources.js";
import { recordAudit, type PublicRequestContext } from "../request-context.js";
import type { InboundDeps } from "./inbound-deps.js";
import { ingestExternalChange } from "./ingest-external-change.js";
import { noticeSourceProblem } from "./source-problems.js";

export type ReceivedDelivery = { status: "processed" | "ignored" | "duplicate"; bookingIds: string[] };

export async function receiveInboundDelivery(deps: InboundDeps, webhookToken: string, rawBody: Buffer, headers: InboundHeaders, ctx: PublicRequestContext): Promise<ReceivedDelivery> {
  const opened = await openInboundSource(deps.store, webhookToken);
  if (!opened) throw new ConveneError("NOT_FOUND", "No such webhook.");
  const { tenantId, source } = opened;
  const adapter = deps.inboundProviders[source.provider];
  const check = adapter.verifySignature(rawBody, headers, deps.secrets.open(source.signingSecretSealed), ctx.nowMs);
  if (!check.isValid) {
    await refuse(deps, tenantId, source, ctx, "rejected", null, `signature ${check.reason}`);
    throw new ConveneError("INBOUND_SIGNATURE_INVALID", `The webhook signature is ${check.reason === "stale" ? "too old" : check.reason}.`);
  }
  let parsed;
  try {
    parsed = adapter.parseDelivery(rawBody);
  } catch (error) {
    if (isConveneError(error) && error.code === "INBOUND_PAYLOAD_INVALID") await refuse(deps, tenantId, source, ctx, "failed", null, error.message);
    throw error;
  }
  const received = await deps.store.transaction(async (repos) => {
    const delivery = await repos.inboundSources.openDelivery(tenantId, source.id, { dedupeKey: parsed.dedupeKey, trigger: parsed.trigger, receivedAtMs: ctx.nowMs });
    if (delivery.isDuplicate) return { status: "duplicate" as const, bookingIds: [] };
    const results = [];
    for (const change of parsed.changes) results.push(await ingestExternalChange(repos, tenantId, source, change, ctx.nowMs));
    const applied = results.filter((result) => result.effect !== "unchanged");
    const ignoredBecause = parsed.ignoredBecause ?? (applied.length === 0 ? results.map((result) => result.ignoredBecause).join("; ") : null);
    const bookingIds = [...new Set(results.flatMap((result) => (result.bookingId ? [result.bookingId] : [])))];
    const status = applied.length > 0 ? ("processed" as const) : ("ignored" as const);
    await repos.inboundSources.finishDelivery(tenantId, delivery.id, { outcome: status, detail: ignoredBecause || null, bookingId: bookingIds[0] ?? null });
    return { status, bookingIds };
  });
  // After the commit, and only moving forward: concurrent deliveries never queue on the source's row inside their transactions.
  await deps.store.inboundSources.touchLastDelivery(tenantId, source.id, ctx.nowMs);
  return received;
}

async function refuse(deps: InboundDeps, tenantId: TenantId, source: InboundSourceRecord, ctx: PublicRequestContext, outcome: "rejected" | "failed", trigger: string | null, detail: string) {
  await deps.store.transaction(async (repos) => {
    await repos.inboundSources.recordRefused(tenantId, source.id, { outcome, trigger, detail, receivedAtMs: ctx.nowMs });
    await recordAudit(repos, { auth: { tenantId, actor: { type: "anonymous", id: null } }, ip: ctx.ip, nowMs: ctx.nowMs }, `inbound_delivery.${outcome}`, { type: "inbound_source", id: source.id }, { reason: detail });
    await noticeSourceProblem(repos, tenantId, source, "signature_refused", detail, ctx.nowMs);
  });
}
