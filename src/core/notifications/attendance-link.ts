// The attendance email's one-click links: a token that says "this host marks
// this booking showed (or no-show)" until it expires, signed with HMAC-SHA256
// under a key derived from CONVENE_SECRET_KEY, so it needs no sign-in and no
// stored row. One token per mark: the "Showed" link cannot record a no-show.
// Pure (the key and "now" come in).
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Attendance } from "../booking/booking.js";
import { ConveneError } from "../errors.js";
import { MS_PER_HOUR } from "../time/calendar-date.js";

export type AttendanceClaim = { tenantId: string; bookingId: string; hostUserId: string; mark: Attendance; expiresAtMs: number };

/** The email goes out minutes after the end; a host may answer it for two weeks. */
export const ATTENDANCE_LINK_LIFETIME_MS = 14 * 24 * MS_PER_HOUR;

const MIN_KEY_BYTES = 16;
/** 128 bits of MAC: forging one is as hard as guessing any other token Convene hands out. */
const MAC_BYTES = 16;
const UUID_BYTES = 16;
const MARK_CODES: Record<Attendance, number> = { showed: 1, no_show: 2 };
const PAYLOAD_BYTES = 3 * UUID_BYTES + 1 + 6;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{80,100}$/;

const uuidBytes = (id: string) => {
  const hex = id.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new RangeError(`not a uuid: ${id}`);
  return Buffer.from(hex, "hex");
};
const uuidOf = (bytes: Buffer) => {
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
const macOf = (key: Uint8Array, payload: Buffer) => createHmac("sha256", key).update("convene attendance link v1\n").update(payload).digest().subarray(0, MAC_BYTES);

function checkKey(key: Uint8Array): void {
  if (key.length < MIN_KEY_BYTES) throw new RangeError(`An attendance link key must be at least ${MIN_KEY_BYTES} bytes; got ${key.length}.`);
}

export function signAttendanceToken(key: Uint8Array, claim: AttendanceClaim): string {
  checkKey(key);
  const expiry = Buffer.alloc(6);
  expiry.writeUIntBE(Math.ceil(claim.expiresAtMs / 1000), 0, 6);
  const payload = Buffer.concat([uuidBytes(claim.tenantId), uuidBytes(claim.bookingId), uuidBytes(claim.hostUserId), Buffer.from([MARK_CODES[claim.mark]]), expiry]);
  return Buffer.concat([payload, macOf(key, payload)]).toString("base64url");
}

/**
 * The claim a token makes, once its MAC checks out (in constant time) and it
 * has not expired. A malformed or forged token is ATTENDANCE_LINK_INVALID;
 * an expired one ATTENDANCE_LINK_EXPIRED (its MAC checked first: a forged
 * token learns nothing from the difference).
 */
export function readAttendanceToken(key: Uint8Array, token: string, nowMs: number): AttendanceClaim {
  checkKey(key);
  const invalid = () => new ConveneError("ATTENDANCE_LINK_INVALID", "This attendance link is not one Convene sent, or it was cut short: open the link from the email again.");
  if (!TOKEN_PATTERN.test(token)) throw invalid();
  const bytes = Buffer.from(token, "base64url");
  if (bytes.length !== PAYLOAD_BYTES + MAC_BYTES) throw invalid();
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  if (!timingSafeEqual(bytes.subarray(PAYLOAD_BYTES), macOf(key, payload))) throw invalid();
  const markCode = payload[3 * UUID_BYTES];
  const mark = (Object.keys(MARK_CODES) as Attendance[]).find((candidate) => MARK_CODES[candidate] === markCode);
  if (!mark) throw invalid();
  const expiresAtMs = payload.readUIntBE(3 * UUID_BYTES + 1, 6) * 1000;
  if (nowMs >= expiresAtMs) throw new ConveneError("ATTENDANCE_LINK_EXPIRED", "This attendance link has expired: record attendance from the booking in the dashboard.");
  return {
    tenantId: uuidOf(payload.subarray(0, UUID_BYTES)),
    bookingId: uuidOf(payload.subarray(UUID_BYTES, 2 * UUID_BYTES)),
    hostUserId: uuidOf(payload.subarray(2 * UUID_BYTES, 3 * UUID_BYTES)),
    mark,
    expiresAtMs,
  };
}

/** The page the email's buttons open (a GET there changes nothing; its button posts). */
export function attendancePageUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/attendance/${token}`;
}
