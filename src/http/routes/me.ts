// The signed-in caller: who they are, their organisation, and the CSRF token for
// cookie writes; and the profile changes a user makes to themselves.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { HANDLE_PATTERN, HANDLE_RULE } from "../../core/account/handle.js";
import { USER_ROLES } from "../../core/account/limits.js";
import { PERMISSION_NAMES, permissionsOf } from "../../core/account/permissions.js";
import { DEFAULT_LINK_SENTENCE, LINK_SENTENCE_MAX_CHARS, LINK_SENTENCE_PLACEHOLDERS } from "../../core/leads/link-sentence.js";
import type { AuthContext } from "../../use-cases/auth/authenticate.js";
import { describeAccount, type Account } from "../../use-cases/account/describe-account.js";
import type { UserRecord } from "../../use-cases/ports/accounts.js";
import { updateProfile } from "../../use-cases/account/update-profile.js";
import type { RouteContext } from "../route-context.js";
import { weeklyHoursSchema } from "./links.js";
import { AUTHENTICATED, contextOf } from "../auth.js";

export const userView = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  handle: z.string(),
  timeZone: z.string(),
  role: z.enum(USER_ROLES),
  weeklyHours: weeklyHoursSchema.nullable().describe("Your own working hours in timeZone (0 = Sunday): your availability without a link (GET /availability, POST /bookings), links that take each host's own hours, and where new links start; null: the default, Monday to Friday 09:00–17:00"),
  createdAt: z.string(),
});

export function toUserView(user: UserRecord): z.infer<typeof userView> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    handle: user.handle,
    timeZone: user.timeZone,
    role: user.role,
    weeklyHours: user.weeklyHours?.map((rule) => ({ ...rule, days: [...rule.days] })) ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

const meView = z.object({
  user: userView,
  organization: z.object({ id: z.uuid(), name: z.string() }),
  authenticatedWith: z.enum(["session", "api_key"]),
  csrfToken: z.string().nullable().describe("Send as x-csrf-token on cookie-authenticated writes"),
  leadLinkSentence: z.object({
    template: z.string().nullable().describe("Yours; null: the default"),
    default: z.string(),
    placeholders: z.array(z.enum(LINK_SENTENCE_PLACEHOLDERS)),
  }).describe("The sentence POST /leads/{id}/booking-link hands out with a lead's link"),
  permissions: z
    .record(z.enum(PERMISSION_NAMES), z.enum(["all", "own"]).nullable())
    .describe("What your role (user.role) may do: all (the organisation's), own (what you own or host), null (not at all: the route answers 403)"),
});

const profileBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  timeZone: z.string().min(1).max(64).optional().describe("IANA zone the dashboard shows times in; new links default to it"),
  handle: z
    .string()
    .regex(HANDLE_PATTERN, HANDLE_RULE)
    .optional()
    .describe("The first segment of your booking URLs (/{handle}/{slug}): changing it changes them all, old URLs stop working"),
  weeklyHours: weeklyHoursSchema
    .nullable()
    .optional()
    .describe("Your working hours in your time zone (0 = Sunday; end may be 24:00): your availability without a link, links that use each host's own hours, and where new links start; null resets them to Monday to Friday 09:00–17:00; invalid rules are 400 INVALID_RULES"),
  leadLinkSentence: z
    .string()
    .max(LINK_SENTENCE_MAX_CHARS)
    .nullable()
    .optional()
    .describe(`The sentence a lead's booking link comes with; placeholders ${LINK_SENTENCE_PLACEHOLDERS.map((name) => `{${name}}`).join(", ")}, {link} required; null: the default; unknown placeholders are 400 INVALID_LINK_SENTENCE`),
});

function toMeView(auth: AuthContext, { user, tenant }: Account): z.infer<typeof meView> {
  return {
    user: toUserView(user),
    organization: { id: tenant.id, name: tenant.name },
    authenticatedWith: auth.sessionId ? "session" : "api_key",
    csrfToken: auth.csrfToken,
    leadLinkSentence: { template: user.leadLinkSentence, default: DEFAULT_LINK_SENTENCE, placeholders: [...LINK_SENTENCE_PLACEHOLDERS] },
    permissions: permissionsOf(auth.role),
  };
}

export const meRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;

  app.get(
    "/me",
    { config: { permission: "account.self" }, schema: { tags: ["account"], summary: "The signed-in user and organisation", security: AUTHENTICATED, response: { 200: meView } } },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      return toMeView(ctx.auth, await describeAccount(deps, ctx));
    },
  );

  app.patch(
    "/me",
    {
      config: { permission: "account.self" },
      schema: {
        tags: ["account"],
        summary: "Change your name, time zone, handle, working hours or lead link sentence (only the fields sent)",
        security: AUTHENTICATED,
        body: profileBody,
        response: { 200: meView },
      },
    },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      return toMeView(ctx.auth, await describeAccount(deps, ctx, await updateProfile(deps, ctx, request.body)));
    },
  );
};
