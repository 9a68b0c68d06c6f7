// Small secrets at rest (the invitee's manage token, later OAuth tokens and
// webhook secrets), sealed with AES-256-GCM under CONVENE_SECRET_KEY. Every
// sealed value names the key that sealed it, so a new key can take over while
// values sealed under older keys still open (pass those as previousKeys until
// everything is re-sealed).
//
// Sealed format: v1.<keyId>.<iv>.<ciphertext>.<tag> — keyId is the first 8 hex
// characters of SHA-256(key), the rest base64url; the "v1.<keyId>" prefix is
// authenticated too (GCM additional data).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { ConveneError } from "../../core/errors.js";
import type { SecretSealer } from "../../use-cases/ports/store.js";

const VERSION = "v1";
const KEY_BYTES = 32;
/** GCM's recommended nonce size; random per value (2^32 values per key keep collisions negligible). */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export type SecretBox = SecretSealer & {
  /** The id of the key new values are sealed under. */
  readonly keyId: string;
  /** False for values sealed under a previous key: re-seal those before retiring it. */
  isSealedWithCurrentKey(sealed: string): boolean;
};

type Key = { id: string; bytes: Buffer };

function keyOf(keyBase64: string): Key {
  const bytes = Buffer.from(keyBase64, "base64");
  if (bytes.length !== KEY_BYTES) throw new RangeError(`A secret key must be ${KEY_BYTES} bytes, base64-encoded (openssl rand -base64 32); got ${bytes.length} bytes.`);
  return { id: createHash("sha256").update(bytes).digest("hex").slice(0, 8), bytes };
}

function unreadable(detail: string, cause?: unknown): ConveneError {
  return new ConveneError("SECRET_UNREADABLE", detail, cause === undefined ? undefined : { cause });
}

type Parts = { keyId: string; iv: Buffer; ciphertext: Buffer; tag: Buffer };

function parse(sealed: string): Parts {
  const parts = typeof sealed === "string" ? sealed.split(".") : [];
  const [version, keyId, iv, ciphertext, tag] = parts;
  if (parts.length !== 5 || version !== VERSION) throw unreadable("Not a sealed value (expected v1.<keyId>.<iv>.<ciphertext>.<tag>).");
  if (!/^[0-9a-f]{8}$/.test(keyId!) || ![iv, ciphertext, tag].every((part) => BASE64URL.test(part!))) throw unreadable("The sealed value is malformed.");
  const parsed = { keyId: keyId!, iv: Buffer.from(iv!, "base64url"), ciphertext: Buffer.from(ciphertext!, "base64url"), tag: Buffer.from(tag!, "base64url") };
  if (parsed.iv.length !== IV_BYTES || parsed.tag.length !== TAG_BYTES) throw unreadable("The sealed value is malformed.");
  return parsed;
}

/** A sealer over the current key that also opens values sealed under previousKeys. */
export function createSecretBox(keyBase64: string, options: { previousKeys?: string[] } = {}): SecretBox {
  const current = keyOf(keyBase64);
  // Current last, so it wins should a previous key share its id.
  const keysById = new Map<string, Key>([...(options.previousKeys ?? []).map(keyOf), current].map((key) => [key.id, key]));

  return {
    keyId: current.id,

    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const header = `${VERSION}.${current.id}`;
      const cipher = createCipheriv("aes-256-gcm", current.bytes, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(header));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [header, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
    },

    open(sealed) {
      const { keyId, iv, ciphertext, tag } = parse(sealed);
      const key = keysById.get(keyId);
      if (!key) throw unreadable(`The value was sealed under key ${keyId}, which is neither CONVENE_SECRET_KEY nor a configured previous key.`);
      const decipher = createDecipheriv("aes-256-gcm", key.bytes, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
      } catch (error) {
        throw unreadable("The sealed value fails authentication: it was altered or sealed under another key with the same id.", error);
      }
    },

    isSealedWithCurrentKey(sealed) {
      return typeof sealed === "string" && sealed.startsWith(`${VERSION}.${current.id}.`);
    },
  };
}
