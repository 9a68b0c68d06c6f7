// The Mailer port, as the use cases see it (declared in use-cases/ports/deliveries.ts),
// and what every implementation shares: a Message-ID derived from the
// idempotency key, so a message sent again after a crash or a retry carries
// the same id and mail clients and servers can tell it is the same message.
import { createHash } from "node:crypto";

export type { Mailer, OutboxMail, OutgoingMail } from "../../use-cases/ports/deliveries.js";

const DOMAIN = /@([A-Za-z0-9.-]+)>?\s*$/;

/** The domain of a From value ("Convene <no-reply@mail.example>" → "mail.example"); "convene" without one. */
export function senderDomainOf(from: string): string {
  return DOMAIN.exec(from)?.[1]?.toLowerCase() ?? "convene";
}

/** "<sha256(idempotencyKey) in hex@sender's domain>": same key, same id. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  return `<${createHash("sha256").update(idempotencyKey).digest("hex")}@${senderDomainOf(from)}>`;
}
