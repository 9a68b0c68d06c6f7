// Which sites may frame a booking page, known before the page's HTML is sent
// (its CSP depends on it): the allow-list of the organisation that owns the
// link, or the one-time link, the address names. A used or switched-off link
// keeps its organisation's list, so the embedding site shows our message rather
// than a browser error; an unknown address frames nowhere. Counts no view.
import { publicLinkTenant, type PublicLinkRef } from "../auth/public-access.js";
import type { UseCaseDeps } from "../ports/store.js";

export async function pageEmbedOrigins(deps: Pick<UseCaseDeps, "store">, ref: PublicLinkRef): Promise<string[]> {
  const tenantId = await publicLinkTenant(deps, ref);
  return tenantId ? deps.store.embedOrigins.get(tenantId) : [];
}
