// The whole story across both sides, in one run: an owner in Berlin signs up
// and makes a link with the wizard; an invitee in Tokyo books it on a phone;
// the owner sees the booking; the invitee moves it and then cancels it from
// the manage page, and the owner sees that too.
import { expect, test } from "@playwright/test";
import { openPage, times } from "./booking-steps.js";
import { expectAccessible, PASSWORD, PHONE, shot, uniqueEmail } from "./support.js";

test.use({ timezoneId: "Europe/Berlin", locale: "en-GB" });

test("owner signs up and creates a link; an invitee in another zone books, reschedules and cancels; the owner sees each step", async ({ page, browser }) => {
  test.setTimeout(120_000);

  // The owner: sign up, then the wizard with its defaults (weekdays 9–17 in the owner's zone).
  await page.goto("/");
  await page.getByRole("link", { name: /create an account|sign up/i }).click();
  await page.getByLabel("Your name").fill("Margaret Hamilton");
  await page.getByLabel("Company or team").fill("Apollo Guidance");
  await page.getByLabel("Email").fill(uniqueEmail("journey"));
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("link", { name: "Create a booking link" }).click();
  await page.getByLabel("Title").fill("Design review");
  for (let step = 0; step < 6; step++) await page.getByRole("button", { name: "Next" }).click();
  const preview = page.getByRole("region", { name: "Times invitees would see" });
  await expect(preview.getByRole("status")).toContainText(/open times? of 30 min/);
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(page.getByText("Your link is ready.")).toBeVisible();
  const bookingUrl = (await page.locator(".link-url a").first().getAttribute("href"))!;

  // The invitee, on a phone in Tokyo: the first free time, shown in Tokyo time.
  const invitee = await openPage(browser, bookingUrl, { ...PHONE, timezoneId: "Asia/Tokyo", locale: "en-GB" });
  await expect(invitee.getByRole("heading", { level: 1, name: "Design review" })).toBeVisible();
  await expect(invitee.getByRole("combobox", { name: "Times are shown in" })).toHaveValue("Asia/Tokyo (GMT+9)");
  const first = times(invitee).first();
  const firstStart = (await first.getAttribute("data-slot"))!;
  const tokyoTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" }).format(new Date(firstStart));
  await expect(first).toHaveText(tokyoTime);
  await first.click();
  await invitee.getByLabel("Your name").fill("Katherine Johnson");
  await invitee.getByLabel("Email", { exact: true }).fill("katherine@example.com");
  await invitee.getByRole("button", { name: "Confirm booking" }).click();
  await expect(invitee.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await expect(invitee.locator(".when-time")).toContainText(tokyoTime);
  await shot(invitee, "journey-confirmation-phone");
  const manageUrl = (await invitee.getByRole("link", { name: "Reschedule or cancel this meeting" }).getAttribute("href"))!;

  // The owner sees it, in Berlin time.
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Bookings" }).click();
  const row = page.getByRole("table").locator("tbody tr").filter({ hasText: "Katherine Johnson" });
  await expect(row).toContainText("Design review");
  const berlinTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" }).format(new Date(firstStart));
  await expect(row).toContainText(berlinTime);
  await expectAccessible(page);
  await shot(page, "journey-owner-bookings");

  // The invitee moves the meeting to another free time, then cancels it.
  await invitee.goto(new URL(manageUrl).pathname);
  await invitee.getByRole("button", { name: "Reschedule" }).click();
  // Another free day: late in the day, the first one may hold no time but the booked one.
  await expect(invitee.locator('.calendar-grid[aria-busy="false"]')).toBeVisible();
  await invitee.locator('.calendar-grid [data-date].is-available:not([aria-pressed="true"])').first().click();
  const other = times(invitee).first();
  const movedStart = (await other.getAttribute("data-slot"))!;
  expect(movedStart).not.toBe(firstStart);
  await other.click();
  await invitee.getByRole("button", { name: "Move my meeting here" }).click();
  await expect(invitee.getByRole("heading", { name: "Your meeting has moved" })).toBeVisible();
  await shot(invitee, "journey-moved-phone");
  await invitee.getByRole("button", { name: "Cancel meeting" }).click();
  await invitee.getByLabel(/Reason/).fill("Our launch moved.");
  await invitee.getByRole("button", { name: "Yes, cancel the meeting" }).click();
  await expect(invitee.getByRole("heading", { name: "Your meeting is cancelled" })).toBeVisible();
  await expectAccessible(invitee);

  // The owner sees the move and the cancellation with its reason.
  await page.reload();
  await page.getByLabel("Status").selectOption({ label: "Cancelled" });
  await page.getByRole("link", { name: "Katherine Johnson" }).click();
  await expect(page.locator(".detail-header .badge")).toHaveText("Cancelled");
  const history = page.getByRole("region", { name: "History" });
  await expect(history).toContainText("Rescheduled");
  await expect(history).toContainText("Reason: Our launch moved.");
  await shot(page, "journey-owner-cancelled");
  await invitee.context().close();
});
