// Convene's settings, read from the environment (and ./.env when present) and
// validated once at start-up. This is the only module that reads process.env.
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_HOLD_MINUTES, MAX_HOLD_MINUTES, MIN_HOLD_MINUTES } from "./core/booking/slot-hold.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const LOG_FORMATS = ["auto", "pretty", "json"] as const;

/** Every variable Convene reads, with its meaning; README and .env.example list the same. */
/** An external service's base URL (Google, Microsoft): configurable so tests reach local fakes. */
const serviceUrl = z.url({ protocol: /^https?$/ });

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  CONVENE_DATA_DIR: z.string().min(1).default(".convene"),
  CONVENE_WEB_DIR: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(20),
  DATABASE_POOL_WAIT_SECONDS: z.coerce.number().int().min(1).max(600).default(20),
  CONVENE_SECRET_KEY: z
    .string()
    .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes, base64-encoded (openssl rand -base64 32)")
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  // auto: readable lines on a terminal, JSON (for a log collector) otherwise.
  LOG_FORMAT: z.enum(LOG_FORMATS).default("auto"),
  TRUST_PROXY: z.enum(["true", "false"]).default("false").transform((value) => value === "true"),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(4096),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").max(256).regex(/^\S+$/, "must not contain spaces").optional(),
  EMBED_FRAME_ANCESTORS: z
    .string()
    .regex(/^('?none'?|('self'|https?:\/\/[\w.*:-]+)( ('self'|https?:\/\/[\w.*:-]+))*)$/, "must be 'none' or space-separated origins like https://www.example.com ('self' allowed)")
    // .env files strip quotes, so a bare none means 'none' too.
    .transform((value) => (value.replaceAll("'", "") === "none" ? "'none'" : value))
    .default("'none'"),
  RATE_LIMIT_PUBLIC_READS_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_PUBLIC_BOOKINGS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_SLOT_READS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_INBOUND_DELIVERIES_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  RATE_LIMIT_MCP_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_SIGN_IN_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  HOLD_MINUTES: z.coerce.number().int().min(MIN_HOLD_MINUTES).max(MAX_HOLD_MINUTES).default(DEFAULT_HOLD_MINUTES),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().min(3).max(300).default("Convene <no-reply@localhost>"),
  CONVENE_WORKERS: z.enum(["true", "false"]).default("true").transform((value) => value === "true"),
  NOTIFY_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(10),
  NOTIFY_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  NOTIFY_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  NOTIFY_JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(3600).default(20),
  CALENDAR_SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  CALENDAR_ALLOW_PRIVATE_URLS: z.enum(["true", "false"]).default("false").transform((value) => value === "true"),
  WEBHOOKS_ALLOW_PRIVATE_URLS: z.enum(["true", "false"]).default("false").transform((value) => value === "true"),
  CALENDAR_FETCH_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
  CALENDAR_MAX_BODY_BYTES: z.coerce.number().int().min(64 * 1024).max(200 * 1024 * 1024).default(20 * 1024 * 1024),
  JITSI_BASE_URL: z
    .url({ protocol: /^https?$/ })
    // Refinements run after a failed format check too: an unparsable value is the url check's to report.
    .refine((value) => {
      const url = URL.canParse(value) ? new URL(value) : null;
      return !url || (!url.search && !url.hash && !url.username && !url.password);
    }, "must be a server's base URL like https://meet.jit.si (no query, fragment or credentials)")
    .default("https://meet.jit.si"),
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  GOOGLE_AUTH_URL: serviceUrl.default("https://accounts.google.com/o/oauth2/v2/auth"),
  GOOGLE_TOKEN_URL: serviceUrl.default("https://oauth2.googleapis.com/token"),
  GOOGLE_API_URL: serviceUrl.default("https://www.googleapis.com"),
  // The People API (contact suggestions, creating contacts) has its own host.
  GOOGLE_PEOPLE_API_URL: serviceUrl.default("https://people.googleapis.com"),
  MICROSOFT_CLIENT_ID: z.string().min(1).optional(),
  MICROSOFT_CLIENT_SECRET: z.string().min(1).optional(),
  MICROSOFT_AUTHORITY_URL: serviceUrl.default("https://login.microsoftonline.com/common"),
  MICROSOFT_GRAPH_URL: serviceUrl.default("https://graph.microsoft.com"),
  // Cal.com and Calendly, for the backfill and Calendly's webhook subscription; change them only to reach a test double.
  CALCOM_API_URL: serviceUrl.default("https://api.cal.com"),
  CALENDLY_API_URL: serviceUrl.default("https://api.calendly.com"),
  // How often inbound sources with an API key are reconciled, and how many days back (and ahead) each pass looks.
  INBOUND_BACKFILL_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  INBOUND_BACKFILL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  // Commands that talk to a running Convene (`convene outbox`): where it is and a key to ask with.
  CONVENE_URL: serviceUrl.optional(),
  CONVENE_API_KEY: z.string().startsWith("cv_").optional(),
});

/** A client's id and secret at an OAuth provider, and where its endpoints are (the real service, or a local fake in tests). */
export type OAuthProviderSettings = { clientId: string; clientSecret: string };

export type Config = {
  port: number;
  host: string;
  /** Base URL that links and emails point at, without a trailing slash. */
  publicUrl: string;
  dataDir: string;
  /** A built web app to serve instead of the one `npm run build` makes in web/dist. */
  webDir: string | undefined;
  /** PostgreSQL server; absent means the embedded PGlite database in dataDir. */
  databaseUrl: string | undefined;
  /** PostgreSQL connections per node, and how long a request waits for one before 503 DATABASE_BUSY. */
  databasePool: { size: number; waitMs: number };
  /** 32-byte key for secrets at rest; absent in embedded mode means "generate into dataDir". */
  secretKeyBase64: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  /** pretty: one readable line per entry (pino-pretty); json: one JSON object per line; auto: pretty when stdout is a terminal. */
  logFormat: (typeof LOG_FORMATS)[number];
  trustProxy: boolean;
  bodyLimitBytes: number;
  /** A request's headers and body must arrive within this (408 otherwise). */
  requestTimeoutSeconds: number;
  /** Open connections accepted at once. */
  maxConnections: number;
  /** Bearer token GET /metrics requires; absent: /metrics is open. */
  metricsToken: string | undefined;
  /** CSP frame-ancestors sources for booking pages ("'none'": not embeddable). */
  embedFrameAncestors: string;
  /** SMTP server for outgoing mail; absent means the dev outbox (GET /api/v1/dev/outbox). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Run the notification relay and workers inside `serve` (false: run `convene worker` separately). */
  isRunningWorkers: boolean;
  notificationRetry: { limit: number; delaySeconds: number };
  /** Notification deliveries in flight at once per process. */
  notifyConcurrency: number;
  /** A delivery still running after this is taken for lost (its worker died) and retried. */
  notifyJobTimeoutSeconds: number;
  /**
   * Calendar sync: how often each connection is synced; whether calendar and
   * feed URLs may point at private or loopback addresses (tests, an intranet
   * Nextcloud); how long a fetch may take and how large a body may be.
   */
  calendars: { syncIntervalSeconds: number; allowPrivateUrls: boolean; fetchTimeoutSeconds: number; maxBodyBytes: number };
  /** Outbound webhooks: whether endpoint URLs may reach private and loopback addresses (tests, an intranet receiver). */
  webhooks: { allowPrivateUrls: boolean };
  /** The Jitsi server a booking's own video room is made on (links with a "jitsi" location), without a trailing slash. */
  jitsiBaseUrl: string;
  /**
   * Google and Microsoft calendars through OAuth: each is offered only when its
   * client id and secret are set. URLs without a trailing slash.
   */
  /** A running Convene that commands ask (CONVENE_URL, default publicUrl) and the API key they ask with (CONVENE_API_KEY). */
  remote: { url: string; apiKey: string | undefined };
  google: { client: OAuthProviderSettings | null; authUrl: string; tokenUrl: string; apiUrl: string; peopleApiUrl: string };
  microsoft: { client: OAuthProviderSettings | null; authorityUrl: string; graphUrl: string };
  /** Cal.com and Calendly APIs (URLs without a trailing slash) and the backfill's schedule: every intervalMinutes, the last (and next) `days` days. */
  inbound: { calcomApiUrl: string; calendlyApiUrl: string; backfillIntervalMinutes: number; backfillDays: number };
  /** How long the public booking page holds a picked time (minutes). */
  holdMinutes: number;
  /** Per client IP and minute. */
  rateLimits: { publicReadsPerMinute: number; publicBookingsPerMinute: number; slotReadsPerMinute: number; signInPerMinute: number; signUpPerMinute: number; inboundDeliveriesPerMinute: number; mcpRequestsPerMinute: number };
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Validates an environment; the first bad variable is named in the error. */
export function parseConfig(env: Record<string, string | undefined>, cwd: string): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message} (got ${JSON.stringify(present[name] ?? null)})`);
  }
  const vars = result.data;
  if (vars.DATABASE_URL && !vars.CONVENE_SECRET_KEY) {
    throw new ConfigError(
      "Invalid configuration: CONVENE_SECRET_KEY is required with DATABASE_URL (every node must share one key; generate it with: openssl rand -base64 32)",
    );
  }
  const displayHost = vars.HOST === "0.0.0.0" || vars.HOST === "::" ? "localhost" : vars.HOST;
  return {
    port: vars.PORT,
    host: vars.HOST,
    publicUrl: (vars.PUBLIC_URL ?? `http://${displayHost}:${vars.PORT}`).replace(/\/+$/, ""),
    dataDir: path.resolve(cwd, vars.CONVENE_DATA_DIR),
    webDir: vars.CONVENE_WEB_DIR ? path.resolve(cwd, vars.CONVENE_WEB_DIR) : undefined,
    databaseUrl: vars.DATABASE_URL,
    databasePool: { size: vars.DATABASE_POOL_SIZE, waitMs: vars.DATABASE_POOL_WAIT_SECONDS * 1000 },
    secretKeyBase64: vars.CONVENE_SECRET_KEY,
    logLevel: vars.LOG_LEVEL,
    logFormat: vars.LOG_FORMAT,
    trustProxy: vars.TRUST_PROXY,
    bodyLimitBytes: vars.BODY_LIMIT_BYTES,
    requestTimeoutSeconds: vars.REQUEST_TIMEOUT_SECONDS,
    maxConnections: vars.MAX_CONNECTIONS,
    metricsToken: vars.METRICS_TOKEN,
    embedFrameAncestors: vars.EMBED_FRAME_ANCESTORS,
    smtpUrl: vars.SMTP_URL,
    mailFrom: vars.MAIL_FROM,
    isRunningWorkers: vars.CONVENE_WORKERS,
    notificationRetry: { limit: vars.NOTIFY_RETRY_LIMIT, delaySeconds: vars.NOTIFY_RETRY_DELAY_SECONDS },
    notifyConcurrency: vars.NOTIFY_CONCURRENCY,
    notifyJobTimeoutSeconds: vars.NOTIFY_JOB_TIMEOUT_SECONDS,
    calendars: {
      syncIntervalSeconds: vars.CALENDAR_SYNC_INTERVAL_SECONDS,
      allowPrivateUrls: vars.CALENDAR_ALLOW_PRIVATE_URLS,
      fetchTimeoutSeconds: vars.CALENDAR_FETCH_TIMEOUT_SECONDS,
      maxBodyBytes: vars.CALENDAR_MAX_BODY_BYTES,
    },
    webhooks: { allowPrivateUrls: vars.WEBHOOKS_ALLOW_PRIVATE_URLS },
    jitsiBaseUrl: vars.JITSI_BASE_URL.replace(/\/+$/, ""),
    remote: { url: (vars.CONVENE_URL ?? vars.PUBLIC_URL ?? `http://${displayHost}:${vars.PORT}`).replace(/\/+$/, ""), apiKey: vars.CONVENE_API_KEY },
    google: {
      client: oauthClient("GOOGLE", vars.GOOGLE_CLIENT_ID, vars.GOOGLE_CLIENT_SECRET),
      authUrl: vars.GOOGLE_AUTH_URL,
      tokenUrl: vars.GOOGLE_TOKEN_URL,
      apiUrl: vars.GOOGLE_API_URL.replace(/\/+$/, ""),
      peopleApiUrl: vars.GOOGLE_PEOPLE_API_URL.replace(/\/+$/, ""),
    },
    microsoft: {
      client: oauthClient("MICROSOFT", vars.MICROSOFT_CLIENT_ID, vars.MICROSOFT_CLIENT_SECRET),
      authorityUrl: vars.MICROSOFT_AUTHORITY_URL.replace(/\/+$/, ""),
      graphUrl: vars.MICROSOFT_GRAPH_URL.replace(/\/+$/, ""),
    },
    inbound: {
      calcomApiUrl: vars.CALCOM_API_URL.replace(/\/+$/, ""),
      calendlyApiUrl: vars.CALENDLY_API_URL.replace(/\/+$/, ""),
      backfillIntervalMinutes: vars.INBOUND_BACKFILL_INTERVAL_MINUTES,
      backfillDays: vars.INBOUND_BACKFILL_DAYS,
    },
    holdMinutes: vars.HOLD_MINUTES,
    rateLimits: {
      publicReadsPerMinute: vars.RATE_LIMIT_PUBLIC_READS_PER_MINUTE,
      publicBookingsPerMinute: vars.RATE_LIMIT_PUBLIC_BOOKINGS_PER_MINUTE,
      slotReadsPerMinute: vars.RATE_LIMIT_SLOT_READS_PER_MINUTE,
      inboundDeliveriesPerMinute: vars.RATE_LIMIT_INBOUND_DELIVERIES_PER_MINUTE,
      mcpRequestsPerMinute: vars.RATE_LIMIT_MCP_REQUESTS_PER_MINUTE,
      signInPerMinute: vars.RATE_LIMIT_SIGN_IN_PER_MINUTE,
      signUpPerMinute: vars.RATE_LIMIT_SIGN_IN_PER_MINUTE,
    },
  };
}

/** Both halves or neither: a client id without its secret is a half-done setup, said at start-up rather than at the first connect. */
function oauthClient(prefix: string, clientId: string | undefined, clientSecret: string | undefined): OAuthProviderSettings | null {
  if (!clientId && !clientSecret) return null;
  if (!clientId || !clientSecret) throw new ConfigError(`Invalid configuration: ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET must be set together`);
  return { clientId, clientSecret };
}

/** Reads ./.env (if present, without overriding real variables) and the process environment. */
export function readConfig(cwd = process.cwd()): Config {
  const envFile = path.join(cwd, ".env");
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env, cwd);
}

/** What `convene mcp` (the stdio bridge) needs: where a running Convene is, and the API key to call it with. */
export type McpBridgeSettings = { mcpUrl: URL; apiKey: string };

export function readMcpBridgeSettings(env: Record<string, string | undefined> = process.env): McpBridgeSettings {
  const base = env["CONVENE_URL"]?.trim();
  const apiKey = env["CONVENE_API_KEY"]?.trim();
  const missing = [!base && "CONVENE_URL (the running Convene, e.g. https://convene.example.com)", !apiKey && "CONVENE_API_KEY (an API key cv_… from Settings → API keys)"].filter(Boolean);
  if (missing.length > 0) throw new ConfigError(`convene mcp needs ${missing.join(" and ")}.`);
  let mcpUrl: URL;
  try {
    mcpUrl = new URL("mcp", base!.endsWith("/") ? base! : `${base}/`);
  } catch {
    throw new ConfigError(`CONVENE_URL is not a URL: ${base}`);
  }
  if (mcpUrl.protocol !== "http:" && mcpUrl.protocol !== "https:") throw new ConfigError(`CONVENE_URL must be http(s): ${base}`);
  if (!apiKey!.startsWith("cv_")) throw new ConfigError("CONVENE_API_KEY must be a Convene API key (it starts with cv_).");
  return { mcpUrl, apiKey: apiKey! };
}
