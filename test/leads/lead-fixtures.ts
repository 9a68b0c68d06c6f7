// Helpers for the lead suites: a member of an owner's organisation with an API key.
import type { FastifyInstance } from "fastify";
import { bearer, sessionCookieOf, type Owner } from "../support/test-app.js";

export async function addMember(app: FastifyInstance, owner: Owner, label: string): Promise<Owner> {
  const email = `${label}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = "correct horse battery staple";
  const added = await app.inject({ method: "POST", url: "/api/v1/members", headers: bearer(owner), payload: { email, name: `The ${label}`, timeZone: "UTC", password } });
  if (added.statusCode !== 201) throw new Error(`add member failed: ${added.body}`);
  const login = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
  const cookie = sessionCookieOf(login);
  const csrfToken = login.json().csrfToken as string;
  const key = await app.inject({ method: "POST", url: "/api/v1/api-keys", headers: { cookie, "x-csrf-token": csrfToken }, payload: { name: `${label} key` } });
  return { email, password, cookie, csrfToken, apiKey: key.json().key, userId: added.json().id };
}
