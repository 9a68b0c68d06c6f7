// Opens the CalendarProvider for a connection's config. The fetch limits and
// the private-address rule are the deployment's (CALENDAR_ALLOW_PRIVATE_URLS),
// shared by every provider that reaches a URL.
import { CalendarFailure } from "../../core/calendars/calendar-errors.js";
import type { CalendarProviderFactory } from "../../use-cases/ports/calendars.js";
import { createCaldavCalendarProvider } from "./caldav/caldav-calendar-provider.js";
import { createIcsFeedProvider } from "./ics-feed/ics-feed-provider.js";
import type { MemoryCalendarServer } from "./memory/memory-calendar-server.js";
import { createSafeFetch, type SafeFetchOptions } from "./safe-fetch.js";

export type CalendarProviderFactoryOptions = Pick<SafeFetchOptions, "allowPrivateUrls" | "timeoutMs" | "maxBodyBytes" | "fetch"> & {
  /** Where `memory` configs are served (tests, demos): one server holds every memory account. Without it they are rejected. */
  memoryServer?: MemoryCalendarServer;
};

export function createCalendarProviderFactory(options: CalendarProviderFactoryOptions): CalendarProviderFactory {
  if (!(options.timeoutMs > 0) || !(options.maxBodyBytes > 0)) throw new Error(`calendar fetch limits must be positive (timeoutMs ${options.timeoutMs}, maxBodyBytes ${options.maxBodyBytes})`);
  const safeFetch = createSafeFetch(options);
  return (config) => {
    switch (config.kind) {
      case "caldav":
        return createCaldavCalendarProvider(config, safeFetch);
      case "ics":
        return createIcsFeedProvider(config, safeFetch);
      case "memory":
        if (!options.memoryServer) throw new CalendarFailure("rejected", "memory calendars exist only in tests: this deployment has no memory calendar server");
        return options.memoryServer.provider(config);
      default: {
        // A config stored by a version that knew a kind this one does not.
        const unknown: { kind?: unknown } = config;
        throw new CalendarFailure("rejected", `unknown calendar provider kind ${JSON.stringify(unknown.kind)}`);
      }
    }
  };
}
