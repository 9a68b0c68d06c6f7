// Unguessable tokens (256 bits, base64url) and their SHA-256 hashes: sessions,
// API keys and CSRF tokens are stored only as what this file produces.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export function newSecretToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Constant-time string comparison (for tokens the caller already holds in full). */
export function tokensEqual(a: string, b: string): boolean {
  const bufferA = Buffer.from(a);
  const bufferB = Buffer.from(b);
  return bufferA.length === bufferB.length && timingSafeEqual(bufferA, bufferB);
}
