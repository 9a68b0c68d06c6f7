// Opens the CalendarProvider for a connection's config. The fetch limits and
// the private-address rule are the deployment's (CALENDAR_ALLOW_PRIVATE_URLS),
// shared by every provider that reaches a URL.
import { CalendarFailure } from "../../core/calendars/calendar-errors.js";
import type { CalendarProviderFactory } from "../../use-cases/ports/calendars.js";
import { createCaldavCalendarProvider } from "./caldav/caldav-calendar-provider.js";
import { createGoogleCalendarProvider } from "./google/google-calendar-provider.js";
import { isGoogleRateLimit } from "./google/google-failures.js";
import { createMicrosoftCalendarProvider } from "./microsoft/microsoft-calendar-provider.js";
import { createOAuthApi } from "./oauth-api.js";
import { createIcsFeedProvider } from "./ics-feed/ics-feed-provider.js";
import type { MemoryCalendarServer } from "./memory/memory-calendar-server.js";
import { createSafeFetch, type SafeFetchOptions } from "./safe-fetch.js";

export type CalendarProviderFactoryOptions = Pick<SafeFetchOptions, "allowPrivateUrls" | "timeoutMs" | "maxBodyBytes" | "fetch"> & {
  /** Where `memory` configs are served (tests, demos): one server holds every memory account. Without it they are rejected. */
  memoryServer?: MemoryCalendarServer;
  /** GOOGLE_API_URL; defaults to https://www.googleapis.com. */
  googleApiUrl?: string;
  /** MICROSOFT_GRAPH_URL; defaults to https://graph.microsoft.com. */
  microsoftGraphUrl?: string;
  /** The application's clock: Graph's sync window is placed by it (tests move it). Defaults to the wall clock. */
  clock?: () => number;
};

export function createCalendarProviderFactory(options: CalendarProviderFactoryOptions): CalendarProviderFactory {
  if (!(options.timeoutMs > 0) || !(options.maxBodyBytes > 0)) throw new Error(`calendar fetch limits must be positive (timeoutMs ${options.timeoutMs}, maxBodyBytes ${options.maxBodyBytes})`);
  const safeFetch = createSafeFetch(options);
  // Google's and Microsoft's base URLs are the operator's configuration, not a user's input: no private-address rule.
  const apiFetch = createSafeFetch({ ...options, allowPrivateUrls: true });
  return (config, access) => {
    switch (config.kind) {
      case "caldav":
        return createCaldavCalendarProvider(config, safeFetch);
      case "ics":
        return createIcsFeedProvider(config, safeFetch);
      case "memory":
        if (!options.memoryServer) throw new CalendarFailure("rejected", "memory calendars exist only in tests: this deployment has no memory calendar server");
        return options.memoryServer.provider(config);
      case "google":
      case "microsoft": {
        if (!access) throw new Error(`a ${config.kind} calendar needs its OAuth access to open`);
        if (config.kind === "google") return createGoogleCalendarProvider(config, createOAuthApi({ baseUrl: options.googleApiUrl ?? "https://www.googleapis.com", access, fetch: apiFetch, isRateLimited: isGoogleRateLimit }));
        return createMicrosoftCalendarProvider(
          config,
          createOAuthApi({ baseUrl: options.microsoftGraphUrl ?? "https://graph.microsoft.com", access, fetch: apiFetch }),
          options.clock ? { nowMs: options.clock } : {},
        );
      }
      default: {
        // A config stored by a version that knew a kind this one does not.
        const unknown: { kind?: unknown } = config;
        throw new CalendarFailure("rejected", `unknown calendar provider kind ${JSON.stringify(unknown.kind)}`);
      }
    }
  };
}
