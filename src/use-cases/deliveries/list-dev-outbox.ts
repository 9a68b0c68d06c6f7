// The dev outbox: with no SMTP server set, the mail Convene would have sent,
// newest first, and where mail goes now.
import type { Mailer, OutboxMail } from "../ports/deliveries.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export type DevOutbox = { mode: Mailer["mode"]; mail: (OutboxMail & { id: number })[] };

export async function listDevOutbox(deps: UseCaseDeps & { mailer: Pick<Mailer, "mode"> }, ctx: RequestContext, limit: number): Promise<DevOutbox> {
  return { mode: deps.mailer.mode, mail: await deps.store.mailOutbox.list(ctx.auth.tenantId, { limit }) };
}
