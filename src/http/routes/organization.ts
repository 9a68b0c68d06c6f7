// The organisation as a whole, for its owners: export its data as one JSON
// document, or delete it with everything it holds.
import { Readable } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { EXPORT_FORMAT } from "../../core/account/organization-export.js";
import { deleteOrganization } from "../../use-cases/organization/delete-organization.js";
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

export const organizationRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const tags = ["organization"];

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
