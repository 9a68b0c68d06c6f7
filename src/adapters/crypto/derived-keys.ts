// Keys for one purpose each, derived from CONVENE_SECRET_KEY with HKDF-SHA256
// (RFC 5869): a purpose never holds the key that seals secrets at rest, and
// what one purpose reveals tells nothing about another's key.
import { hkdfSync } from "node:crypto";

const SECRET_KEY_BYTES = 32;

export function deriveKey(secretKeyBase64: string, purpose: string, lengthBytes = 32): Uint8Array {
  const secretKey = Buffer.from(secretKeyBase64, "base64");
  if (secretKey.length !== SECRET_KEY_BYTES) throw new RangeError(`A secret key must be ${SECRET_KEY_BYTES} bytes, base64-encoded (openssl rand -base64 32); got ${secretKey.length} bytes.`);
  return new Uint8Array(hkdfSync("sha256", secretKey, new Uint8Array(0), `convene/${purpose}`, lengthBytes));
}

/** The key a booking's Jitsi room name is derived under (core/booking/meeting-location.ts). */
export function meetingRoomKey(secretKeyBase64: string): Uint8Array {
  return deriveKey(secretKeyBase64, "meeting-rooms/v1");
}

/** The key the attendance email's one-click links are signed under (core/notifications/attendance-link.ts). */
export function attendanceLinkKey(secretKeyBase64: string): Uint8Array {
  return deriveKey(secretKeyBase64, "attendance-links/v1");
}
