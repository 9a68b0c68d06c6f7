// Owner routes for booking templates: the questions a link asks, and whether a follow-up email goes out.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { MAX_LABEL_CHARS, MAX_OPTION_CHARS, MAX_OPTIONS, QUESTION_TYPES } from "../../core/booking/questions.js";
import type { TemplateRecord } from "../../use-cases/ports/links.js";
import { createTemplate } from "../../use-cases/templates/create-template.js";
import { deleteTemplate } from "../../use-cases/templates/delete-template.js";
import { getTemplate, listTemplates } from "../../use-cases/templates/get-template.js";
import { updateTemplate } from "../../use-cases/templates/update-template.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import { idParams } from "./params.js";

// Shapes only: the rules (id format, unique ids, options per type, at most 50) are core's, answered as INVALID_QUESTIONS.
export const templateQuestion = z.strictObject({
  id: z.string().max(64).describe("Stable key of the answer: a letter, then letters, digits, - or _"),
  label: z.string().max(MAX_LABEL_CHARS),
  type: z.enum(QUESTION_TYPES),
  isRequired: z.boolean().default(false),
  options: z.array(z.string().max(MAX_OPTION_CHARS)).max(MAX_OPTIONS).optional().describe("For single_choice and multiple_choice only"),
});

const templateFields = {
  name: z.string().trim().min(1).max(200),
  questions: z.array(templateQuestion).max(200),
  sendsFollowUp: z.boolean().describe("Whether a follow-up email goes to the invitee after the meeting"),
};

const createTemplateBody = z.strictObject({ ...templateFields, sendsFollowUp: templateFields.sendsFollowUp.default(false) });
const updateTemplateBody = z.strictObject(templateFields).partial();

const templateView = z.object({
  id: z.uuid(),
  name: z.string(),
  questions: z.array(z.object({ id: z.string(), label: z.string(), type: z.enum(QUESTION_TYPES), isRequired: z.boolean(), options: z.array(z.string()).optional() })),
  sendsFollowUp: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

function toTemplateView(template: TemplateRecord): z.infer<typeof templateView> {
  return {
    id: template.id,
    name: template.name,
    questions: template.questions,
    sendsFollowUp: template.sendsFollowUp,
    createdAt: template.createdAt.toISOString(),
    updatedAt: template.updatedAt.toISOString(),
  };
}

export const templateRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const tags = ["templates"];

  app.post(
    "/templates",
    { config: { permission: "templates.write" }, schema: { tags, summary: "Create a booking template (questions for invitees)", security: AUTHENTICATED, body: createTemplateBody, response: { 201: templateView } } },
    async (request, reply) => reply.status(201).send(toTemplateView(await createTemplate(deps, contextOf(request, deps.clock), request.body))),
  );

  app.get(
    "/templates",
    { config: { permission: "templates.read" }, schema: { tags, summary: "List the organisation's templates", security: AUTHENTICATED, response: { 200: z.object({ items: z.array(templateView) }) } } },
    async (request) => ({ items: (await listTemplates(deps, contextOf(request, deps.clock))).map(toTemplateView) }),
  );

  app.get(
    "/templates/:id",
    { config: { permission: "templates.read" }, schema: { tags, summary: "Read a template", security: AUTHENTICATED, params: idParams, response: { 200: templateView } } },
    async (request) => toTemplateView(await getTemplate(deps, contextOf(request, deps.clock), request.params.id)),
  );

  app.patch(
    "/templates/:id",
    {
      config: { permission: "templates.write" },
      schema: {
        tags,
        summary: "Change a template (only the fields sent; questions are replaced as a whole). Bookings made before keep their answers.",
        security: AUTHENTICATED,
        params: idParams,
        body: updateTemplateBody,
        response: { 200: templateView },
      },
    },
    async (request) => toTemplateView(await updateTemplate(deps, contextOf(request, deps.clock), request.params.id, request.body)),
  );

  app.delete(
    "/templates/:id",
    { config: { permission: "templates.write" }, schema: { tags, summary: "Delete a template no live link uses (409 TEMPLATE_IN_USE otherwise)", security: AUTHENTICATED, params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteTemplate(deps, contextOf(request, deps.clock), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
