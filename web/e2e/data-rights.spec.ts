// Data rights in a real browser: an invitee erases their data from the manage
// page (the link then says so, the owner's booking page says the data is
// erased); an owner downloads the organisation's export and deletes the
// organisation, and then cannot sign in.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiOwner, expectAccessible, openLink, PASSWORD, shot, type ApiOwner } from "./support.js";

test.use({ timezoneId: "Europe/Berlin", locale: "en-GB" });

/** Books the link's first free slot through the public API; answers the booking (with its manage URL). */
async function bookFirstSlot(request: APIRequestContext, apiUrl: string, email: string) {
  const path = new URL(apiUrl).pathname;
  const slots = await (await request.get(`${path}/slots`)).json();
  const start = slots.days.flatMap((day: { slots: { start: string }[] }) => day.slots)[0].start as string;
  const booked = await request.post(`${path}/bookings`, { data: { start, durationMin: 30, timeZone: "Europe/Berlin", name: "Erin Erase", email, answers: {} } });
  expect(booked.status(), await booked.text()).toBe(201);
  return (await booked.json()) as { id: string; manageUrl: string };
}

async function signIn(page: Page, owner: ApiOwner) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}

test("an invitee erases their data from the manage page; the owner sees it erased", async ({ page, request }) => {
  const owner = await apiOwner(request, "erasure");
  const link = await openLink(request, owner, { title: "Erasable call" });
  const booking = await bookFirstSlot(request, link.apiUrl, "erin.erase@example.com");

  await page.goto(new URL(booking.manageUrl).pathname);
  await expect(page.getByRole("heading", { name: "Erasable call" })).toBeVisible();
  await page.getByRole("button", { name: "Erase my data" }).click();
  const dialog = page.getByRole("dialog", { name: "Erase your data?" });
  await expect(dialog).toContainText("Your meeting will be cancelled");
  await shot(page, "data-rights-erase-dialog");
  await dialog.getByRole("button", { name: "Erase my data" }).click();
  await expect(page.getByText("Your data was erased")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "data-rights-erased");

  await signIn(page, owner);
  await page.goto(`/dashboard/bookings/${booking.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Invitee data erased" })).toBeVisible();
  await expect(page.getByText("erin.erase@example.com")).toHaveCount(0);
  await shot(page, "data-rights-owner-erased-booking");
});

test("an owner exports the organisation, deletes it, and cannot sign in again", async ({ page, request }) => {
  const owner = await apiOwner(request, "closing");
  const link = await openLink(request, owner, { title: "Closing call" });
  await bookFirstSlot(request, link.apiUrl, "closing.invitee@example.com");

  await signIn(page, owner);
  await page.goto("/dashboard/settings");
  const card = page.getByRole("region", { name: "Organisation" });
  await expect(card).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), card.getByRole("link", { name: "Export data (JSON)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^convene-export-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await (await import("node:fs/promises")).readFile((await download.path())!, "utf8"));
  expect(exported).toMatchObject({ format: "convene-export/1", organization: { name: "Org closing" } });
  expect(exported.bookings).toHaveLength(1);
  await shot(page, "data-rights-organization-card");

  await card.getByRole("button", { name: "Delete organisation…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this organisation?" });
  await dialog.getByLabel("Type the organisation's name to confirm").fill("Org wrong");
  await dialog.getByLabel("Your password").fill(PASSWORD);
  await dialog.getByRole("button", { name: "Delete everything" }).click();
  await expect(dialog.getByRole("alert")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "data-rights-delete-dialog-error");
  await dialog.getByLabel("Type the organisation's name to confirm").fill("Org closing");
  await dialog.getByRole("button", { name: "Delete everything" }).click();
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
  await shot(page, "data-rights-signin-refused");
});
