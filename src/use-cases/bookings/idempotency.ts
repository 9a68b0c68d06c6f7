// Idempotency-Key handling for booking requests: the same key with the same
// request replays the stored answer; the same key with another request is refused.
import { createHash } from "node:crypto";
import { ConveneError } from "../../core/errors.js";
import type { StoredResponse, UseCaseDeps } from "../ports.js";

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export function requestHashOf(request: unknown): string {
  return createHash("sha256").update(JSON.stringify(request)).digest("hex");
}

/** The stored answer to replay, or null when the key is new. */
export async function storedAnswer(deps: UseCaseDeps, scope: string, key: string, requestHash: string): Promise<StoredResponse | null> {
  const stored = await deps.store.idempotency.find(scope, key);
  if (!stored) return null;
  if (stored.requestHash !== requestHash) {
    throw new ConveneError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was already used with a different request body.");
  }
  return stored;
}
