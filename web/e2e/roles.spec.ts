// Roles in the browser: a member of an organisation signs in and sees only what
// is theirs: their bookings and links (with a note saying so), no Outbox in the
// nav; the owner still sees everyone's bookings.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiOwner, expectAccessible, openLink, ownerPost, PASSWORD, shot, uniqueEmail, type ApiOwner } from "./support.js";

test.use({ timezoneId: "Europe/Berlin", locale: "en-GB" });

/** Two days ahead at 10:00 UTC: inside the open link's window whatever the hour of the run. */
function startInTwoDays(): string {
  const day = new Date(Date.now() + 2 * 86_400_000);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 10)).toISOString();
}

async function book(request: APIRequestContext, apiUrl: string, name: string) {
  const response = await request.post(`${new URL(apiUrl).pathname}/bookings`, { data: { start: startInTwoDays(), timeZone: "UTC", name, email: uniqueEmail("invitee"), answers: {} } });
  expect(response.status(), await response.text()).toBe(201);
}

test("a member sees only their own bookings and links, and no Outbox", async ({ page, request }) => {
  const owner: ApiOwner = await apiOwner(request, "roles");
  const memberEmail = uniqueEmail("member");
  await ownerPost(request, owner, "/api/v1/members", { email: memberEmail, name: "Mia Member", timeZone: "Europe/Berlin", password: PASSWORD });
  const ownersLink = await openLink(request, owner, { title: "Owner's intro" });
  await book(request, ownersLink.apiUrl, "Olga Ownersguest");

  // The member's own link and booking, made with the member's session.
  const login = await request.post("/api/v1/auth/login", { data: { email: memberEmail, password: PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = await login.json();
  const made = await request.post("/api/v1/links", {
    headers: { "x-csrf-token": csrfToken },
    data: { title: "Mia's consult", durationsMin: [30], timeZone: "UTC", maxDaysAhead: 60, weeklyHours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }] },
  });
  expect(made.status(), await made.text()).toBe(201);
  await request.post("/api/v1/auth/logout", { headers: { "x-csrf-token": csrfToken } });
  await book(request, (await made.json()).apiUrl, "Max Membersguest");

  await page.goto(`/signin?next=${encodeURIComponent("/dashboard/bookings")}`);
  await page.getByLabel("Email").fill(memberEmail);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Bookings", level: 1 })).toBeVisible();
  await expect(page.getByText("Max Membersguest")).toBeVisible();
  await expect(page.getByText("Olga Ownersguest")).toHaveCount(0);
  await expect(page.getByRole("note").filter({ hasText: "You see the bookings you host" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Dashboard" });
  await expect(nav.getByRole("link", { name: "Bookings" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Outbox" })).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, "roles-member-bookings");

  await nav.getByRole("link", { name: "Links" }).click();
  await expect(page.getByRole("heading", { name: "Booking links", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Mia's consult", exact: true })).toBeVisible();
  await expect(page.getByText("Owner's intro")).toHaveCount(0);
  await expect(page.getByRole("note").filter({ hasText: "You see your own links" })).toBeVisible();
  await shot(page, "roles-member-links");

  // The owner, in a fresh sign-in, sees both bookings, the Outbox and no note.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto(`/signin?next=${encodeURIComponent("/dashboard/bookings")}`);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Olga Ownersguest")).toBeVisible();
  await expect(page.getByText("Max Membersguest")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Outbox" })).toBeVisible();
  await expect(page.getByRole("note").filter({ hasText: "You see the bookings you host" })).toHaveCount(0);
  await shot(page, "roles-owner-bookings");
});
