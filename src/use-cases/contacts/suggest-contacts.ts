// Suggestions while an owner types a one-time link's recipient: the people
// their connected Google and Microsoft accounts know, asked in parallel, each
// within a short budget so a slow provider never holds the form. A provider
// that fails or is late gives fewer suggestions (and a log line), never an
// error. Only the signed-in owner's own connections are searched.
import { MAX_SUGGESTIONS, MIN_SUGGESTION_QUERY_CHARS, rankSuggestions } from "../../core/contacts/suggestions.js";
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import type { CalendarDeps } from "../calendars/calendar-deps.js";
import type { ConnectionRecord } from "../ports/calendars.js";
import type { ContactSuggestion } from "../ports/contacts.js";
import type { RequestContext } from "../request-context.js";
import { openContactDirectory } from "./open-contacts.js";

/** How long one provider may take: past it the form goes on without that account's suggestions. */
export const PROVIDER_BUDGET_MS = 2_500;

const isContactsProvider = (connection: ConnectionRecord) => connection.provider === "google" || connection.provider === "microsoft";

/** Resolves to null once the budget is spent; the late call's outcome is dropped. */
function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), budgetMs);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function searchConnection(deps: CalendarDeps, tenantId: TenantId, connection: ConnectionRecord, query: string, nowMs: number): Promise<ContactSuggestion[]> {
  const search = Promise.resolve().then(() => openContactDirectory(deps, tenantId, connection, nowMs)?.search(query, MAX_SUGGESTIONS) ?? []);
  try {
    const found = await withinBudget(search, PROVIDER_BUDGET_MS);
    if (found === null) deps.logger?.warn({ connectionId: connection.id, provider: connection.provider, budgetMs: PROVIDER_BUDGET_MS }, "contact suggestions: provider too slow, left out");
    return found ?? [];
  } catch (error) {
    deps.logger?.warn({ connectionId: connection.id, provider: connection.provider, err: error }, "contact suggestions: provider failed, left out");
    return [];
  } finally {
    // A late call that fails afterwards must not become an unhandled rejection.
    search.catch(() => undefined);
  }
}

export async function suggestContacts(deps: CalendarDeps, ctx: RequestContext, q: string): Promise<ContactSuggestion[]> {
  const query = q.trim();
  if ([...query].length < MIN_SUGGESTION_QUERY_CHARS) {
    throw new ConveneError("CONTACT_QUERY_TOO_SHORT", `Type at least ${MIN_SUGGESTION_QUERY_CHARS} characters.`, { details: { minLength: MIN_SUGGESTION_QUERY_CHARS } });
  }
  const { tenantId, userId } = ctx.auth;
  const connections = (await deps.store.calendars.listConnections(tenantId, { userId })).filter(
    // A connection waiting for its owner to reconnect would only fail again.
    (connection) => isContactsProvider(connection) && connection.status !== "needs_reconnect",
  );
  const lists = await Promise.all(connections.map((connection) => searchConnection(deps, tenantId, connection, query, ctx.nowMs)));
  return rankSuggestions(query, lists, MAX_SUGGESTIONS);
}
