// Shared steps for the browser tests: owners and links made through the API
// (when a test is not about making them), accessibility checks with axe-core,
// and screenshots into test-results/screens/.
import { AxeBuilder } from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const PASSWORD = "correct horse battery staple";

export type ApiOwner = { email: string; handle: string; apiKey: string; userId: string };

let counter = 0;
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}@example.com`;
}

/** An owner made through the API, with an API key for further setup. */
export async function apiOwner(request: APIRequestContext, label = "owner", timeZone = "Europe/Berlin"): Promise<ApiOwner> {
  const email = uniqueEmail(label);
  const signup = await request.post("/api/v1/auth/signup", { data: { email, password: PASSWORD, name: `Owner ${label}`, organization: `Org ${label}`, timeZone } });
  expect(signup.status(), await signup.text()).toBe(201);
  const { user, csrfToken } = await signup.json();
  const key = await request.post("/api/v1/api-keys", { data: { name: "e2e" }, headers: { "x-csrf-token": csrfToken } });
  expect(key.status(), await key.text()).toBe(201);
  // The API key is enough from here on: drop the session so the page's own sign-in is tested.
  await request.post("/api/v1/auth/logout", { headers: { "x-csrf-token": csrfToken } });
  return { email, handle: user.handle, apiKey: (await key.json()).key, userId: user.id };
}

/** POST to the owner API with the owner's key; fails the test on anything but 2xx. */
export async function ownerPost<T = Record<string, unknown>>(request: APIRequestContext, owner: ApiOwner, url: string, data: unknown): Promise<T> {
  const response = await request.post(url, { data, headers: { authorization: `Bearer ${owner.apiKey}` } });
  expect(response.ok(), `${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** A link open every day 00:00–24:00 in UTC, so any test run finds free time soon. */
export async function openLink(request: APIRequestContext, owner: ApiOwner, fields: Record<string, unknown> = {}) {
  return ownerPost<{ id: string; slug: string; bookingUrl: string; apiUrl: string }>(request, owner, "/api/v1/links", {
    title: "Intro call",
    description: "A first conversation about your project.",
    durationsMin: [30],
    slotIntervalMin: 30,
    maxDaysAhead: 60,
    timeZone: "UTC",
    weeklyHours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }],
    ...fields,
  });
}

/** Fails on any serious or critical axe-core violation of the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

export const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Signs the owner in through the sign-in page and waits to land on `next` (a dashboard path). */
export async function signIn(page: Page, owner: ApiOwner, next: string) {
  await page.goto(`/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${next}$`));
}
