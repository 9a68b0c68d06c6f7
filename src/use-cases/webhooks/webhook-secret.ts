// A new endpoint secret: whsec_ + base64 of 32 random bytes (the spec asks for 24 to 64).
import { randomBytes } from "node:crypto";
import { SECRET_PREFIX } from "../../core/webhooks/webhook-events.js";

export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}
