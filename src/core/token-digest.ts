// How secret tokens are stored and compared: a SHA-256 hex digest for lookups
// (a database leak does not leak live tokens), and a constant-time comparison
// for tokens held in full. Pure, so adapters that look rows up by token (one-time
// links) use the very same digest as the use cases that mint the tokens.
import { createHash, timingSafeEqual } from "node:crypto";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Constant-time string comparison (for tokens the caller already holds in full). */
export function tokensEqual(a: string, b: string): boolean {
  const bufferA = Buffer.from(a);
  const bufferB = Buffer.from(b);
  return bufferA.length === bufferB.length && timingSafeEqual(bufferA, bufferB);
}
