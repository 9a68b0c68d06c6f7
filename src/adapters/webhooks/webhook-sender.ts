// Sends one outbound webhook: signed as Standard Webhooks says (webhook-id,
// webhook-timestamp, webhook-signature with one "v1,<base64>" per secret,
// space-separated, during a rotation's overlap), POSTed with a time limit,
// redirects not followed, the answer read up to a cap. Unless the deployment
// allows private URLs, a host that resolves to a non-public address is
// refused when an endpoint is saved AND when the connection is made: the
// connection pool's lookup checks the addresses and connects to the one it
// checked, so a name that changes its answer between the two (DNS
// rebinding) cannot reach the private network.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { lookup as dnsLookupAll } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import { Agent, fetch as undiciFetch } from "undici";
import { ConveneError } from "../../core/errors.js";
import { checkWebhookUrl } from "../../core/webhooks/webhook-url.js";
import { WEBHOOK_RESPONSE_BODY_BYTES, type WebhookSender } from "../../use-cases/ports/webhooks.js";
import { isPrivateAddress } from "../calendars/private-address.js";

/** The spec's receivers should answer within seconds; fifteen is generous and stays under the job timeout (20 s). */
export const WEBHOOK_TIMEOUT_MS = 15_000;

export type WebhookSenderOptions = {
  /** WEBHOOKS_ALLOW_PRIVATE_URLS: receivers on loopback and private networks (tests, an intranet CRM). */
  allowPrivateUrls: boolean;
  /** The whole exchange; the spec's receivers are expected to answer quickly. */
  timeoutMs: number;
  /** The wall clock webhook-timestamp is taken from (it is when the request leaves, not the event's time). */
  clock?: () => number;
};

/** Thrown from the connect-time lookup; recognised in fetch's error causes. */
class PrivateAddressError extends Error {}

const publicOnlyLookup: LookupFunction = (hostname, lookupOptions, callback) => {
  dnsLookup(hostname, { ...(lookupOptions as LookupOptions), all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "");
    const refused = addresses.find((candidate) => isPrivateAddress(candidate.address));
    if (refused) return callback(new PrivateAddressError(`${hostname} resolves to the private address ${refused.address}`), "");
    if (lookupOptions.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "");
    callback(null, first.address, first.family);
  });
};

const privateUrlError = (reason: string) => new ConveneError("WEBHOOK_URL_PRIVATE", `${reason}; set WEBHOOKS_ALLOW_PRIVATE_URLS=true to send webhooks to the local network.`);

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const clock = options.clock ?? Date.now;
  const dispatcher = new Agent({ connect: options.allowPrivateUrls ? {} : { lookup: publicOnlyLookup } });

  async function checkUrl(url: string): Promise<void> {
    const parsed = checkWebhookUrl(url, options.allowPrivateUrls);
    if (options.allowPrivateUrls) return;
    const host = parsed.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) !== 0) {
      if (isPrivateAddress(host)) throw privateUrlError(`${host} is not a public address`);
      return;
    }
    let addresses: LookupAddress[];
    try {
      addresses = await dnsLookupAll(host, { all: true });
    } catch {
      throw new ConveneError("WEBHOOK_URL_INVALID", `${host} does not resolve to an address.`);
    }
    const refused = addresses.find((candidate) => isPrivateAddress(candidate.address));
    if (refused) throw privateUrlError(`${host} resolves to ${refused.address}, which is not a public address`);
  }

  return {
    checkUrl,
    async send(request) {
      const sentAtMs = clock();
      const signature = request.secrets.map((secret) => new Webhook(secret).sign(request.messageId, new Date(sentAtMs), request.body)).join(" ");
      const requestHeaders: Record<string, string> = {
        "content-type": "application/json",
        "user-agent": "Convene-Webhooks/1",
        "webhook-id": request.messageId,
        "webhook-timestamp": String(Math.floor(sentAtMs / 1000)),
        "webhook-signature": signature,
      };
      const startedAtMs = performance.now();
      const elapsedMs = () => Math.round(performance.now() - startedAtMs);
      const failure = (error: string) => ({ status: null, retryAfter: null, body: null, durationMs: elapsedMs(), error, requestHeaders });
      try {
        await checkUrl(request.url);
      } catch (error) {
        return failure(error instanceof Error ? error.message : String(error));
      }
      try {
        const response = await undiciFetch(request.url, {
          method: "POST",
          headers: requestHeaders,
          body: request.body,
          redirect: "manual",
          signal: AbortSignal.timeout(options.timeoutMs),
          dispatcher,
        });
        const body = await readCapped(response.body);
        return { status: response.status, retryAfter: response.headers.get("retry-after"), body, durationMs: elapsedMs(), error: null, requestHeaders };
      } catch (error) {
        return failure(describeFailure(error, options.timeoutMs));
      }
    },
  };
}

function describeFailure(error: unknown, timeoutMs: number): string {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof PrivateAddressError) return privateUrlError(cause.message).message;
    if (cause.name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("E")) return `could not connect (${code})`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The first WEBHOOK_RESPONSE_BODY_BYTES of a body; the rest is not read (a receiver may answer anything). */
async function readCapped(body: ReadableStream<Uint8Array> | null): Promise<string> {
  if (!body) return "";
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let totalBytes = 0;
  try {
    while (totalBytes < WEBHOOK_RESPONSE_BODY_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      totalBytes += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, WEBHOOK_RESPONSE_BODY_BYTES));
}
