// Contact suggestions for the one-time link form: people the owner's own
// connected Google and Microsoft accounts know.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { OAUTH_PROVIDER_KINDS } from "../../core/calendars/connections.js";
import { MAX_SUGGESTIONS, MIN_SUGGESTION_QUERY_CHARS } from "../../core/contacts/suggestions.js";
import { suggestContacts } from "../../use-cases/contacts/suggest-contacts.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import type { RouteContext } from "../route-context.js";

const suggestionView = z.object({
  name: z.string().describe("Empty when the account knows only the address"),
  email: z.string(),
  source: z.enum(OAUTH_PROVIDER_KINDS).describe("The account it came from"),
});

export const contactRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;

  app.get(
    "/contacts/suggestions",
    {
      config: { permission: "contacts.read" },
      schema: {
        tags: ["contacts"],
        summary: "People your connected Google and Microsoft accounts know, matching what you typed",
        description: `At most ${MAX_SUGGESTIONS}, one per address, those starting with the query first. An account that fails or answers slowly is left out (never an error). Fewer than ${MIN_SUGGESTION_QUERY_CHARS} characters: CONTACT_QUERY_TOO_SHORT.`,
        security: AUTHENTICATED,
        querystring: z.strictObject({ q: z.string().max(200).default("").describe(`At least ${MIN_SUGGESTION_QUERY_CHARS} characters of a name or email address`) }),
        response: { 200: z.object({ items: z.array(suggestionView) }) },
      },
    },
    async (request) => ({ items: await suggestContacts(deps, contextOf(request, deps.clock), request.query.q) }),
  );
};
