// Unguessable tokens (256 bits, base64url) and their SHA-256 hashes: sessions,
// API keys and CSRF tokens are stored only as what this file produces.
import { randomBytes } from "node:crypto";

// The digest lives in core so that adapters can look tokens up with it too.
export { hashToken, tokensEqual } from "../../core/token-digest.js";

export function newSecretToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
