// POST /leads/import: a file of leads, read as it streams in. Registered in a
// scope of its own so its parsers (which hand the body stream to the route
// instead of buffering it) and its larger body limit apply to it alone.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ConveneError } from "../../core/errors.js";
import { importLeads, MAX_REPORTED_PROBLEMS } from "../../use-cases/leads/import-leads.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import { importRecordsOf, LEAD_IMPORT_MEDIA_TYPES, type LeadImportMediaType } from "../lead-import-body.js";
import type { RouteContext } from "../route-context.js";

/** 100,000 leads with a handful of custom fields fit several times over; a bigger list is split. */
export const LEAD_IMPORT_MAX_BYTES = 50 * 1024 * 1024;

const note = z.object({ line: z.number().int(), row: z.number().int(), field: z.string(), message: z.string() });

const reportView = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int().describe("Rows not written: invalid (with ?skipInvalid=true) or replaced by a later row with the same email"),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  errors: z.array(note).describe(`The first ${MAX_REPORTED_PROBLEMS} problems`),
  warnings: z.array(note),
});

function mediaTypeOf(header: string | undefined): LeadImportMediaType {
  const type = (header ?? "").split(";")[0]!.trim().toLowerCase();
  if ((LEAD_IMPORT_MEDIA_TYPES as readonly string[]).includes(type)) return type as LeadImportMediaType;
  throw new ConveneError("UNSUPPORTED_MEDIA_TYPE", `Send the file as ${LEAD_IMPORT_MEDIA_TYPES.join(", ")}.`);
}

export const leadImportRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  // The body stays a stream (request.raw): no parser buffers it, the route reads it record by record.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...LEAD_IMPORT_MEDIA_TYPES], (_request, _payload, done) => done(null, undefined));

  app.post(
    "/leads/import",
    {
      config: { permission: "leads.write" },
      bodyLimit: LEAD_IMPORT_MAX_BYTES,
      schema: {
        tags: ["leads"],
        summary:
          "Import leads from CSV (text/csv: a header row email,name,company,title,campaign,owner; other columns become custom fields), NDJSON or a JSON array; all or nothing (422 LEAD_IMPORT_INVALID with every row's problem) unless ?skipInvalid=true",
        description: `Streamed, up to ${LEAD_IMPORT_MAX_BYTES / (1024 * 1024)} MB. Existing leads (same email) are updated: blank cells keep stored values, custom fields merge. A later row with an email seen earlier in the file wins (a warning). Campaigns are named and created when missing; owner is a member's email.`,
        security: AUTHENTICATED,
        querystring: z.object({ skipInvalid: z.enum(["true", "false"]).default("false").transform((value) => value === "true") }),
        response: { 200: reportView },
      },
    },
    async (request) => {
      const mediaType = mediaTypeOf(request.headers["content-type"]);
      const records = importRecordsOf(request.raw, mediaType, LEAD_IMPORT_MAX_BYTES);
      return importLeads(deps, contextOf(request, deps.clock), records, { isSkippingInvalid: request.query.skipInvalid });
    },
  );
};
