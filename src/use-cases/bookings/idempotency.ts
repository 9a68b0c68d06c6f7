// Idempotency-Key handling for booking requests: the same key with the same
// request replays the stored answer; the same key with another request is
// refused. What is stored is only what replay needs, with the manage token
// sealed like the booking's own copy: the idempotency table never holds a
// usable manage link, and the URLs are rebuilt when the answer is replayed.
import { createHash } from "node:crypto";
import { ConveneError, isConveneError } from "../../core/errors.js";
import { manageUrls } from "../../core/public-urls.js";
import type { PublicLinkRef } from "../auth/public-access.js";
import { hashToken } from "../auth/secret-token.js";
import { bookMeeting, type Booked, type BookingRequest, type IdempotentSave } from "./book-meeting.js";
import { bookDirect, type DirectBookingInput } from "./book-direct.js";
import type { StoredResponse } from "../ports/bookings.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { PublicRequestContext, RequestContext } from "../request-context.js";

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

function requestHashOf(request: unknown): string {
  return createHash("sha256").update(JSON.stringify(request)).digest("hex");
}

/** The stored answer to replay, or null when the key is new. */
async function storedAnswer(deps: UseCaseDeps, scope: string, key: string, requestHash: string): Promise<StoredResponse | null> {
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

function bookedAnswerOf(publicUrl: string, { booking, manageToken }: Booked): BookedAnswer {
  return { ...bookingPartOf(booking), ...manageUrls(publicUrl, manageToken) };
}

function bookedAnswerToStore(deps: Pick<UseCaseDeps, "secrets">, { booking, manageToken }: Booked): Omit<StoredResponse, "requestHash"> {
  const body: StoredBookedAnswer = { ...bookingPartOf(booking), manageTokenSealed: deps.secrets.seal(manageToken) };
  return { statusCode: 201, body };
}

/** The stored answer as first sent; answers stored before sealing (kept at most a day) are returned as they are. */
function replayedBookedAnswer(deps: Pick<UseCaseDeps, "secrets">, publicUrl: string, stored: StoredResponse): BookedAnswer {
  const body = stored.body as StoredBookedAnswer | BookedAnswer;
  if (!("manageTokenSealed" in body)) return body;
  const { manageTokenSealed, ...rest } = body;
  return { ...rest, ...manageUrls(publicUrl, deps.secrets.open(manageTokenSealed)) };
}

/** What a booking request is answered (always 201 Created: only those are stored), and whether it replays an earlier answer. */
export type BookingAnswer = { body: BookedAnswer; isReplayed: boolean };

/** Keys are per booking link: the same key on another link is another request. A one-time token is a secret: only its hash is kept. */
function scopeOf(ref: PublicLinkRef): string {
  return "token" in ref ? `booking:one-time:${hashToken(ref.token)}` : `booking:link:${ref.handle}/${ref.slug}`;
}

/** The request as POST …/bookings received it (its fields in the body's order), so a retry of the same body hashes the same. */
/** viewId is left out: a retry from a reopened page carries another view but is the same booking. */
function requestHashOfBooking(request: BookingRequest): string {
  const { startMs, durationMin, timeZone, name, email, answers, guests, notes } = request;
  return requestHashOf({ start: startMs, durationMin, timeZone, name, email, answers, guests, notes });
}

/**
 * Books, or with an Idempotency-Key answers as the first request with that key
 * did: the answer is stored in the booking's own transaction, so a booking and
 * its stored answer exist together or not at all.
 */
export async function bookWithIdempotencyKey(
  deps: UseCaseDeps & { publicUrl: string },
  ref: PublicLinkRef,
  request: BookingRequest,
  idempotencyKey: string | undefined,
  ctx: PublicRequestContext,
): Promise<BookingAnswer> {
  const idempotency = idempotencyKey ? { scope: scopeOf(ref), key: idempotencyKey, requestHash: requestHashOfBooking(request) } : null;
  return answerOnce(deps, idempotency, (save) => bookMeeting(deps, ref, request, ctx, save));
}

/** A direct booking (POST /api/v1/bookings) with an Idempotency-Key: keys are per user, the request is the whole input. */
export async function bookDirectWithIdempotencyKey(
  deps: UseCaseDeps & { publicUrl: string },
  ctx: RequestContext,
  input: DirectBookingInput,
  idempotencyKey: string | undefined,
): Promise<BookingAnswer> {
  const idempotency = idempotencyKey ? { scope: `booking:direct:${ctx.auth.tenantId}/${ctx.auth.userId}`, key: idempotencyKey, requestHash: requestHashOf(input) } : null;
  return answerOnce(deps, idempotency, (save) => bookDirect(deps, ctx, input, save));
}

type IdempotencyRef = { scope: string; key: string; requestHash: string };

async function answerOnce(deps: UseCaseDeps & { publicUrl: string }, idempotency: IdempotencyRef | null, book: (save?: IdempotentSave) => Promise<Booked>): Promise<BookingAnswer> {
  const fresh = (booked: Booked): BookingAnswer => ({ body: bookedAnswerOf(deps.publicUrl, booked), isReplayed: false });
  if (!idempotency) return fresh(await book());
  const replay = async (): Promise<BookingAnswer | null> => {
    const stored = await storedAnswer(deps, idempotency.scope, idempotency.key, idempotency.requestHash);
    return stored ? { body: replayedBookedAnswer(deps, deps.publicUrl, stored), isReplayed: true } : null;
  };
  const replayed = await replay();
  if (replayed) return replayed;
  try {
    // The stored copy keeps the manage token sealed, never the manage URL.
    return fresh(await book({ ...idempotency, toResponse: (booked) => bookedAnswerToStore(deps, booked) }));
  } catch (error) {
    // A concurrent request with the same key may have won: answer as it did.
    if (isConveneError(error) && (error.code === "SLOT_TAKEN" || error.code === "IDEMPOTENCY_KEY_REUSED")) {
      const stored = await replay();
      if (stored) return stored;
    }
    throw error;
  }
}
