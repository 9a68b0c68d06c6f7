// The organisation as a whole: its settings (which sites may embed its booking
// pages), and for its owners the export of its data as one JSON document or its
// deletion with everything it holds.
import { Readable } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { EXPORT_FORMAT } from "../../core/account/organization-export.js";
import { MAX_EMBED_ORIGINS } from "../../core/embedding/embed-origins.js";
import { deleteOrganization } from "../../use-cases/organization/delete-organization.js";
import { getOrganizationSettings } from "../../use-cases/organization/get-organization-settings.js";
import { setEmbedOrigins } from "../../use-cases/organization/set-embed-origins.js";
import { exportOrganization } from "../../use-cases/organization/export-organization.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf, SESSION_COOKIE } from "../auth.js";

const row = z.record(z.string(), z.unknown());

/** The export as documented; the route streams it as text, so this schema describes the document and does not serialise it. */
const exportDocument = z
  .object({
    format: z.literal(EXPORT_FORMAT).describe("Bumped when a field changes meaning or goes away; new fields may appear within a version"),
    exportedAt: z.string(),
    organization: z.object({ id: z.uuid(), name: z.string(), createdAt: z.string() }),
    users: z.array(row).describe("Members with their role, handle, zone and hours; no password hashes"),
    templates: z.array(row),
    links: z.array(row),
    oneTimeLinks: z.array(row).describe("Without their tokens"),
    bookings: z.array(row).describe("With answers, hosts (userId, isActive), attendance (status, markedAt) and history; without manage tokens"),
    calendarConnections: z.array(row).describe("Without credentials"),
    calendars: z.array(row).describe("Without sync cursors"),
    auditLog: z.array(row),
  })
  .describe("convene-export/1");

const deleteBody = z.strictObject({
  confirm: z.string().max(200).describe("The organisation's name, exactly"),
  currentPassword: z.string().min(1).max(1000),
});

const settingsView = z.object({
  id: z.uuid(),
  name: z.string(),
  embedOrigins: z
    .array(z.string())
    .describe("Sites (origins) whose pages may frame the organisation's booking pages with embed.js; empty: none may"),
});

const settingsBody = z.strictObject({
  embedOrigins: z
    .array(z.string().max(1000))
    // Over the limit by a few is refused in core with EMBED_ORIGIN_INVALID; a huge array never reaches it.
    .max(MAX_EMBED_ORIGINS * 4)
    .describe(`Replaces the list: origins like https://www.example.com (http:// only for localhost), no paths or wildcards, at most ${MAX_EMBED_ORIGINS}. A bad one is EMBED_ORIGIN_INVALID with details.errors[{index, origin, reason}]`),
});

export const organizationRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const tags = ["organization"];

  app.get(
    "/organization",
    {
      config: { permission: "organization.read" },
      schema: { tags, summary: "The organisation's settings", security: AUTHENTICATED, response: { 200: settingsView } },
    },
    async (request) => getOrganizationSettings(deps, contextOf(request, deps.clock)),
  );

  app.patch(
    "/organization",
    {
      config: { permission: "organization.settings" },
      schema: {
        tags,
        summary: "Change the organisation's settings: which sites may embed its booking pages (frame-ancestors and postMessage targets)",
        security: AUTHENTICATED,
        body: settingsBody,
        response: { 200: settingsView },
      },
    },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      await setEmbedOrigins(deps, ctx, request.body.embedOrigins);
      return getOrganizationSettings(deps, ctx);
    },
  );

  app.get(
    "/organization/export",
    {
      config: { permission: "organization.export" },
      schema: {
        tags,
        summary: "Download the organisation's data as one JSON document (convene-export/1), streamed section by section",
        security: AUTHENTICATED,
        response: { 200: exportDocument },
      },
    },
    async (request, reply) => {
      const { fileName, chunks } = await exportOrganization(deps, contextOf(request, deps.clock));
      // A stream is sent as it is (no response serialisation): the document is written a page of rows at a time.
      return reply
        .type("application/json; charset=utf-8")
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .header("cache-control", "no-store")
        .send(Readable.from(chunks) as unknown as z.infer<typeof exportDocument>);
    },
  );

  app.delete(
    "/organization",
    {
      config: { permission: "organization.delete" },
      schema: {
        tags,
        summary: "Delete the organisation: cancels its future meetings (their notices are sent first), then deletes everything it holds; every session ends",
        security: AUTHENTICATED,
        body: deleteBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, deps.clock);
      const { cancelledBookings } = await deleteOrganization(deps, ctx, request.body);
      // Its audit log went with it: the server log keeps that it happened, without personal data.
      request.log.info({ event: "organization_deleted", tenantId: ctx.auth.tenantId, cancelledBookings }, "an organisation was deleted by its owner");
      return reply.clearCookie(SESSION_COOKIE, { path: "/" }).status(204).send(null);
    },
  );
};
