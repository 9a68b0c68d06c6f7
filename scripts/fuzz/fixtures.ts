// The run's world, made through the public API as a user would: an owner
// (session cookie + CSRF token, and an API key), a question template, a 24/7
// link and a few others, one-time links, bookings with their manage tokens, and
// the free slots to book. Everything lands in the pools the plans draw from.
import { Pools, type Credentials } from "./pools.js";

type Answer = { status: number; body: unknown; setCookie: string[] };

async function call(baseUrl: string, method: string, path: string, body: unknown, headers: Record<string, string>, attempt = 1): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    // A loaded machine can drop a set-up request; the fuzzing itself never retries.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (attempt < 3) return call(baseUrl, method, path, body, headers, attempt + 1);
    throw new Error(`fixture ${method} ${path}: ${cause?.code ?? cause?.message ?? String(error)}`);
  }
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, setCookie: response.headers.getSetCookie() };
}

async function expectOk(baseUrl: string, method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Record<string, unknown>> {
  const answer = await call(baseUrl, method, path, body, headers);
  if (answer.status >= 300) throw new Error(`fixture ${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`);
  return answer.body as Record<string, unknown>;
}

const ALL_WEEK = [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }];

export type World = { credentials: Credentials; pools: Pools; mainLinkId: string };

export async function signIn(baseUrl: string, email: string, password: string): Promise<{ cookie: string; csrfToken: string }> {
  const answer = await call(baseUrl, "POST", "/api/v1/auth/login", { email, password }, {});
  if (answer.status !== 200) throw new Error(`sign-in answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return { cookie: sessionCookieOf(answer.setCookie), csrfToken: (answer.body as { csrfToken: string }).csrfToken };
}

function sessionCookieOf(setCookie: string[]): string {
  const cookie = setCookie.map((line) => line.split(";")[0]!).find((pair) => pair.startsWith("convene_session="));
  if (!cookie) throw new Error("no session cookie");
  return cookie;
}

export async function buildWorld(baseUrl: string): Promise<World> {
  const pools = new Pools();
  const email = "fuzz-owner@example.com";
  const password = "correct horse battery staple";
  const signup = await call(baseUrl, "POST", "/api/v1/auth/signup", { email, password, name: "Fuzz Owner", organization: "Fuzz Org", timeZone: "Europe/Berlin" }, {});
  if (signup.status !== 201) throw new Error(`sign-up answered ${signup.status}: ${JSON.stringify(signup.body)}`);
  const { user, csrfToken } = signup.body as { user: { id: string; handle: string }; csrfToken: string };
  const cookie = sessionCookieOf(signup.setCookie);
  const asCookie = { cookie, "x-csrf-token": csrfToken };
  const apiKey = String((await expectOk(baseUrl, "POST", "/api/v1/api-keys", { name: "fuzz" }, asCookie))["key"]);
  const asKey = { authorization: `Bearer ${apiKey}` };
  pools.add("userId", user.id);
  pools.add("handle", user.handle);
  // Keys the fuzzer may delete; never the one it signs with.
  for (const name of ["victim 1", "victim 2"]) pools.add("apiKeyId", String((await expectOk(baseUrl, "POST", "/api/v1/api-keys", { name }, asKey))["id"]));

  const member = await expectOk(baseUrl, "POST", "/api/v1/members", { email: "fuzz-member@example.com", name: "Fuzz Member", timeZone: "Asia/Kolkata" }, asKey);
  pools.add("userId", String((member["user"] as { id?: string } | undefined)?.id ?? member["id"]));

  const template = await expectOk(
    baseUrl,
    "POST",
    "/api/v1/templates",
    {
      name: "Fuzz questions",
      questions: [
        { id: "company", label: "Company", type: "short_text" },
        { id: "size", label: "Size", type: "single_choice", options: ["1-10", "11-100"] },
        { id: "topics", label: "Topics", type: "multiple_choice", options: ["a", "b"] },
      ],
    },
    asKey,
  );
  pools.add("templateId", String(template["id"]));

  const linkBody = (slug: string, extra: Record<string, unknown> = {}) => ({
    title: `Fuzz ${slug}`,
    slug,
    durationsMin: [15, 30, 60],
    defaultDurationMin: 15,
    slotIntervalMin: 15,
    minNoticeMin: 0,
    weeklyHours: ALL_WEEK,
    ...extra,
  });
  // The fixtures' own links are never PATCHed or DELETEd (those take "victim" links), so public routes keep working.
  const main = await expectOk(baseUrl, "POST", "/api/v1/links", linkBody("main"), asKey);
  const withQuestions = await expectOk(baseUrl, "POST", "/api/v1/links", linkBody("questions", { templateId: template["id"], bufferAfterMin: 10, durationsMin: [30, 60], defaultDurationMin: 30 }), asKey);
  for (const link of [main, withQuestions]) {
    pools.add("linkId", String(link["id"]));
    pools.add("slug", String(link["slug"]));
    pools.harvest("GET", "/api/v1/links/{id}", link);
  }
  for (const slug of ["victim-a", "victim-b", "victim-c"]) {
    const victim = await expectOk(baseUrl, "POST", "/api/v1/links", linkBody(slug), asKey);
    pools.add("linkId", String(victim["id"]));
    pools.add("victimLinkId", String(victim["id"]));
  }
  for (let index = 0; index < 4; index += 1) {
    const oneTime = await expectOk(baseUrl, "POST", `/api/v1/links/${String(main["id"])}/one-time`, { recipient: { email: `fuzz-guest-${index}@example.com`, name: `Guest ${index}` } }, asKey);
    pools.add("oneTimeToken", String(oneTime["token"]));
  }

  await refreshSlots(baseUrl, pools);
  for (let index = 0; index < 4; index += 1) {
    const start = pools.pick("slotStart", index * 7);
    const booking = await expectOk(
      baseUrl,
      "POST",
      `/api/v1/public/links/${encodeURIComponent(user.handle)}/main/bookings`,
      { start, durationMin: 15, timeZone: "Europe/Berlin", name: `Invitee ${index}`, email: `fuzz-invitee-${index}@example.com` },
      {},
    );
    pools.harvest("POST", "/api/v1/public/links/{handle}/{slug}/bookings", booking);
  }
  await refreshSlots(baseUrl, pools);
  return { credentials: { apiKey, cookie, csrfToken, email, password }, pools, mainLinkId: String(main["id"]) };
}

/** Free slot starts of the first link over the next two weeks: booking requests that can succeed. */
export async function refreshSlots(baseUrl: string, pools: Pools) {
  const pair = pools.pairs[0];
  if (!pair) return;
  const answer = await call(baseUrl, "GET", `/api/v1/public/links/${encodeURIComponent(pair.handle)}/${encodeURIComponent(pair.slug)}/slots`, undefined, {});
  if (answer.status !== 200) return;
  const starts: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === "object" && value !== null) {
      const start = (value as { start?: unknown }).start;
      if (typeof start === "string") starts.push(start);
      Object.values(value).forEach(visit);
    }
  };
  visit(answer.body);
  if (starts.length > 0) pools.replace("slotStart", starts);
}

/** The owner's handle may change (PATCH /me): re-read the links' public URLs. */
export async function refreshLinks(baseUrl: string, world: World) {
  const answer = await call(baseUrl, "GET", "/api/v1/links", undefined, { authorization: `Bearer ${world.credentials.apiKey}` });
  if (answer.status !== 200) return;
  const items = (answer.body as { items: { apiUrl: string; slug: string; isActive: boolean }[] }).items;
  world.pools.pairs = [];
  const rank = (slug: string) => ["main", "questions"].indexOf(slug) >>> 0;
  for (const item of [...items].sort((a, b) => rank(a.slug) - rank(b.slug))) world.pools.harvest("GET", "/api/v1/links", { apiUrl: item.apiUrl });
}
