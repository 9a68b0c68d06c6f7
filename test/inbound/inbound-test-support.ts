// What the inbound suites share: making a source through the API and posting a signed Cal.com delivery to it.
import type { FastifyInstance } from "fastify";
import { bearer, PUBLIC_URL, type Owner } from "../support/test-app.js";
import { signedCalcom } from "../fakes/calcom/calcom-deliveries.js";

export type MadeSource = { id: string; webhookPath: string; signingSecret: string };

export async function makeSource(app: FastifyInstance, owner: Owner, fields: Record<string, unknown> = {}): Promise<MadeSource> {
  const response = await app.inject({ method: "POST", url: "/api/v1/inbound-sources", headers: bearer(owner), payload: { provider: "calcom", name: "Sales Cal.com", ...fields } });
  if (response.statusCode !== 201) throw new Error(`source: ${response.statusCode} ${response.body}`);
  const { source, webhookUrl, signingSecret } = response.json();
  return { id: source.id, webhookPath: webhookUrl.slice(PUBLIC_URL.length), signingSecret };
}

export function postCalcom(app: FastifyInstance, source: MadeSource, delivery: object, secret = source.signingSecret) {
  const { body, headers } = signedCalcom(delivery, secret);
  return app.inject({ method: "POST", url: source.webhookPath, headers, payload: body });
}

export async function bookingsOf(app: FastifyInstance, owner: Owner) {
  const response = await app.inject({ method: "GET", url: "/api/v1/bookings?limit=100", headers: bearer(owner) });
  if (response.statusCode !== 200) throw new Error(`bookings: ${response.statusCode} ${response.body}`);
  return response.json().items as Record<string, unknown>[];
}

/** Rows of a query on the suite's database. */
export async function rows<T = Record<string, unknown>>(t: { database: { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } }, text: string, values: unknown[] = []): Promise<T[]> {
  return (await t.database.executeSql(text, values)).rows as T[];
}
