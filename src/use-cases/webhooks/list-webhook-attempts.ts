// An endpoint's delivery log: every attempt, newest first, paged by an opaque cursor.
import { ConveneError } from "../../core/errors.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { WebhookAttemptRecord } from "../ports/webhooks.js";
import type { RequestContext } from "../request-context.js";
import { getWebhookEndpoint } from "./list-webhook-endpoints.js";

export async function listWebhookAttempts(deps: UseCaseDeps, ctx: RequestContext, endpointId: string, query: { limit: number; cursor?: string | undefined }): Promise<{ items: WebhookAttemptRecord[]; nextCursor: string | null }> {
  await getWebhookEndpoint(deps, ctx.auth.tenantId, endpointId);
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const items = await deps.store.webhookAttempts.list(ctx.auth.tenantId, endpointId, { limit: query.limit, cursor });
  const last = items.at(-1);
  return { items, nextCursor: items.length === query.limit && last ? Buffer.from(JSON.stringify([last.atMs, last.id])).toString("base64url") : null };
}

function decodeCursor(text: string): { atMs: number; id: string } {
  try {
    const [atMs, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown[];
    if (typeof atMs === "number" && Number.isFinite(atMs) && typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id)) return { atMs, id };
  } catch {
    // answered below
  }
  throw new ConveneError("VALIDATION_FAILED", "cursor: not a cursor from a previous page");
}
