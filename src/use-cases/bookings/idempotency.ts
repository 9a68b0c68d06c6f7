// Idempotency-Key handling for booking requests: the same key with the same
// request replays the stored answer; the same key with another request is
// refused. What is stored is only what replay needs, with the manage token
// sealed like the booking's own copy: the idempotency table never holds a
// usable manage link, and the URLs are rebuilt when the answer is replayed.
import { createHash } from "node:crypto";
import { ConveneError } from "../../core/errors.js";
import { manageUrls } from "../../core/public-urls.js";
import type { Booked } from "./book-meeting.js";
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

/** What POST …/bookings answers: the booking and the invitee's manage links. */
export type BookedAnswer = { id: string; start: string; end: string; durationMin: number; status: string; timeZone: string; manageUrl: string; manageApiUrl: string };

/** What an Idempotency-Key keeps of that answer. */
type StoredBookedAnswer = Omit<BookedAnswer, "manageUrl" | "manageApiUrl"> & { manageTokenSealed: string };

/** The answer's fields that are the booking's own (no manage links). */
function bookingPartOf(booking: Booked["booking"]): Omit<BookedAnswer, "manageUrl" | "manageApiUrl"> {
  return {
    id: booking.id,
    start: booking.startAt.toISOString(),
    end: booking.endAt.toISOString(),
    durationMin: booking.durationMin,
    status: booking.status,
    timeZone: booking.inviteeTimeZone,
  };
}

export function bookedAnswerOf(publicUrl: string, { booking, manageToken }: Booked): BookedAnswer {
  return { ...bookingPartOf(booking), ...manageUrls(publicUrl, manageToken) };
}

export function bookedAnswerToStore(deps: Pick<UseCaseDeps, "secrets">, { booking, manageToken }: Booked): Omit<StoredResponse, "requestHash"> {
  const body: StoredBookedAnswer = { ...bookingPartOf(booking), manageTokenSealed: deps.secrets.seal(manageToken) };
  return { statusCode: 201, body };
}

/** The stored answer as first sent; answers stored before sealing (kept at most a day) are returned as they are. */
export function replayedBookedAnswer(deps: Pick<UseCaseDeps, "secrets">, publicUrl: string, stored: StoredResponse): { statusCode: number; body: BookedAnswer } {
  const body = stored.body as StoredBookedAnswer | BookedAnswer;
  if (!("manageTokenSealed" in body)) return { statusCode: stored.statusCode, body };
  const { manageTokenSealed, ...rest } = body;
  return { statusCode: stored.statusCode, body: { ...rest, ...manageUrls(publicUrl, deps.secrets.open(manageTokenSealed)) } };
}
