// Opens the ContactDirectory of a Google or Microsoft connection over its
// OAuth grant; other kinds have none. The base URLs are the operator's
// configuration (GOOGLE_PEOPLE_API_URL, MICROSOFT_GRAPH_URL).
import type { ContactDirectoryFactory } from "../../use-cases/ports/contacts.js";
import { isGoogleRateLimit } from "../calendars/google/google-failures.js";
import { createOAuthApi } from "../calendars/oauth-api.js";
import { createSafeFetch, type SafeFetchOptions } from "../calendars/safe-fetch.js";
import { createGoogleContacts } from "./google-contacts.js";
import { createMicrosoftContacts } from "./microsoft-contacts.js";

export type ContactDirectoryFactoryOptions = Pick<SafeFetchOptions, "timeoutMs" | "maxBodyBytes" | "fetch"> & {
  /** GOOGLE_PEOPLE_API_URL; people.googleapis.com in production. */
  googlePeopleApiUrl: string;
  /** MICROSOFT_GRAPH_URL. */
  microsoftGraphUrl: string;
};

export function createContactDirectoryFactory(options: ContactDirectoryFactoryOptions): ContactDirectoryFactory {
  // Configured service URLs, not a user's input: no private-address rule.
  const apiFetch = createSafeFetch({ ...options, allowPrivateUrls: true });
  return (config, access) => {
    if (config.kind === "google") return createGoogleContacts(createOAuthApi({ baseUrl: options.googlePeopleApiUrl, access, fetch: apiFetch, isRateLimited: isGoogleRateLimit }));
    if (config.kind === "microsoft") return createMicrosoftContacts(createOAuthApi({ baseUrl: options.microsoftGraphUrl, access, fetch: apiFetch }));
    return null;
  };
}
