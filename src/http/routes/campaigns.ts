// Campaigns: everyone reads them and files leads under them; managers make and rename them.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { CAMPAIGN_NAME_MAX_CHARS } from "../../core/leads/lead-fields.js";
import { createCampaign } from "../../use-cases/campaigns/create-campaign.js";
import { getCampaign, listCampaigns } from "../../use-cases/campaigns/get-campaign.js";
import { updateCampaign } from "../../use-cases/campaigns/update-campaign.js";
import type { CampaignRecord } from "../../use-cases/ports/campaigns.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import type { RouteContext } from "../route-context.js";
import { idParams } from "./params.js";

const campaignView = z.object({ id: z.uuid(), name: z.string(), description: z.string().nullable(), createdAt: z.string() });

const name = z.string().trim().min(1).max(CAMPAIGN_NAME_MAX_CHARS).describe("Unique in the organisation in any case (409 CAMPAIGN_NAME_TAKEN)");
const description = z.string().trim().max(2000).nullable();

function toCampaignView(campaign: CampaignRecord): z.infer<typeof campaignView> {
  return { id: campaign.id, name: campaign.name, description: campaign.description, createdAt: campaign.createdAt.toISOString() };
}

export const campaignRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const tags = ["leads"];

  app.post(
    "/campaigns",
    {
      config: { permission: "campaigns.write" },
      schema: { tags, summary: "Create a campaign", security: AUTHENTICATED, body: z.strictObject({ name, description: description.optional() }), response: { 201: campaignView } },
    },
    async (request, reply) => {
      const campaign = await createCampaign(deps, contextOf(request, deps.clock), { name: request.body.name, description: request.body.description ?? null });
      return reply.status(201).send(toCampaignView(campaign));
    },
  );

  app.get(
    "/campaigns",
    { config: { permission: "campaigns.read" }, schema: { tags, summary: "List the organisation's campaigns by name", security: AUTHENTICATED, response: { 200: z.object({ items: z.array(campaignView) }) } } },
    async (request) => ({ items: (await listCampaigns(deps, contextOf(request, deps.clock))).map(toCampaignView) }),
  );

  app.get(
    "/campaigns/:id",
    { config: { permission: "campaigns.read" }, schema: { tags, summary: "One campaign", security: AUTHENTICATED, params: idParams, response: { 200: campaignView } } },
    async (request) => toCampaignView(await getCampaign(deps, contextOf(request, deps.clock), request.params.id)),
  );

  app.patch(
    "/campaigns/:id",
    {
      config: { permission: "campaigns.write" },
      schema: { tags, summary: "Rename or describe a campaign (only the fields sent)", security: AUTHENTICATED, params: idParams, body: z.strictObject({ name: name.optional(), description: description.optional() }), response: { 200: campaignView } },
    },
    async (request) => toCampaignView(await updateCampaign(deps, contextOf(request, deps.clock), request.params.id, request.body)),
  );
};
