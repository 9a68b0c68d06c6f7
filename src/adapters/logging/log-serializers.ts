// What Convene's logs may say about requests and errors. Secrets travel in
// paths (manage links /manage/{token}, one-time links /t/{token}, and their
// API twins /api/v1/public/…/{token}), and failed queries used to carry their
// values (password hashes, token hashes, sealed tokens): the serializers here
// redact tokens in every URL and drop query values from every error, whatever
// the adapter underneath did. createLogger (src/main.ts) installs them, so
// Fastify's request logs and every `{ err }` go through them.
import { pino } from "pino";

const REDACTED = "[redacted]";

/** A path segment after one of these is a bearer token. */
const TOKEN_PATH = /(\/(?:manage|t|one-time)\/)[^/?#\s"'<>]+/g;

/** The URL (or any text quoting one) with every token path segment replaced by [redacted]. */
export function redactTokens(text: string): string {
  return text.replace(TOKEN_PATH, `$1${REDACTED}`);
}

/** Fields of database errors that hold a query's values: params (Drizzle, PGlite), parameters, detail ("Key (email)=(…)"), where (a parameter's value). */
const VALUE_FIELDS = new Set(["params", "parameters", "detail", "where", "queryOptions", "internalQuery"]);

/** "Failed query: …\nparams: …" keeps its first part. */
function withoutParamsLine(message: string): string {
  return message.replace(/\nparams: [\s\S]*$/, "");
}

type SerializedError = Record<string, unknown>;

function scrubError(serialized: SerializedError, depth: number): SerializedError {
  const result: SerializedError = {};
  for (const [key, value] of Object.entries(serialized)) {
    if (VALUE_FIELDS.has(key)) continue;
    if (typeof value === "string") result[key] = redactTokens(key === "message" || key === "stack" ? withoutParamsLine(value) : value);
    else if (key === "cause" && value && typeof value === "object" && depth < 5) result[key] = scrubError(value as SerializedError, depth + 1);
    else result[key] = value;
  }
  // pino puts the cause chain's messages into the stack too ("caused by: …").
  if (typeof result["stack"] === "string") result["stack"] = (result["stack"] as string).replace(/\nparams: [^\n]*/g, "");
  return result;
}

/** The first SQLSTATE (and its constraint) down an error's cause chain. */
function sqlStateOf(error: unknown): { sqlState?: string; constraint?: string } {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 6; current = (current as { cause?: unknown }).cause, depth++) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return { sqlState: code, ...(typeof constraint === "string" ? { constraint } : {}) };
  }
  return {};
}

type LoggedRequest = { method?: string; url?: string; host?: string; ip?: string; headers?: Record<string, unknown>; socket?: { remotePort?: number } };

export const logSerializers = {
  /** Fastify's own request fields, with the URL's tokens redacted. */
  req(request: LoggedRequest) {
    return {
      method: request.method,
      url: request.url === undefined ? undefined : redactTokens(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
  res(reply: { statusCode?: number }) {
    return { statusCode: reply.statusCode };
  },
  err(error: unknown) {
    const serialized = scrubError(pino.stdSerializers.err(error as Error) as unknown as SerializedError, 0);
    // pino folds causes into message and stack; the SQLSTATE and constraint are what a reader needs of a database error.
    return { ...serialized, ...sqlStateOf(error) };
  },
};
