// The delivery log in a real browser: an invitee books on the booking page and
// the owner finds the confirmation emails sent (and the reminders waiting) in
// the dashboard's delivery log; a cancelled booking's reminders show as
// skipped; the state filter and "load more" page through the server's cursor;
// a row opens its booking; on a phone the rows become cards that fit.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { dateIn, openPage, pickDay, times } from "./booking-steps.js";
import { apiOwner, expectAccessible, openLink, ownerPost, PASSWORD, PHONE, shot as fullPageShot, type ApiOwner } from "./support.js";

test.use({ timezoneId: "Europe/Berlin", locale: "en-GB" });

type Slots = { days: { date: string; slots: { start: string }[] }[] };

/** Free starts at least two days ahead: every booking gets both of its reminders planned (and pending). */
async function laterStarts(request: APIRequestContext, apiUrl: string): Promise<string[]> {
  const slots = (await (await request.get(`${apiUrl}/slots`)).json()) as Slots;
  const soonestMs = Date.now() + 2 * 86_400_000;
  return slots.days.flatMap((day) => day.slots.map((slot) => slot.start)).filter((start) => Date.parse(start) >= soonestMs);
}

async function book(request: APIRequestContext, apiUrl: string, start: string, name: string, email: string): Promise<string> {
  const response = await request.post(`${apiUrl}/bookings`, { data: { start, timeZone: "Europe/London", name, email } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/**
 * Four bookings made through the API, one of them cancelled: with the two
 * confirmations, four reminders and (for the cancelled one) two cancellations
 * each, more deliveries than the log's first page holds.
 */
async function moreBookings(request: APIRequestContext, owner: ApiOwner, apiUrl: string) {
  const starts = await laterStarts(request, apiUrl);
  await book(request, apiUrl, starts[4]!, "Alan Turing", "alan@example.com");
  await book(request, apiUrl, starts[6]!, "Katherine Johnson", "katherine@example.com");
  await book(request, apiUrl, starts[8]!, "Margaret Hamilton", "margaret@example.com");
  const grace = await book(request, apiUrl, starts[10]!, "Grace Hopper", "grace@example.com");
  // Cancelled once its confirmations are out: a confirmation still waiting would be skipped too.
  await expect
    .poll(async () => {
      const booking = await request.get(`/api/v1/bookings/${grace}`, { headers: { authorization: `Bearer ${owner.apiKey}` } });
      const { deliveries } = (await booking.json()) as { deliveries: { kind: string; state: string }[] };
      return deliveries.filter((delivery) => delivery.kind === "confirmation" && delivery.state === "sent").length;
    }, { timeout: 30_000 })
    .toBe(2);
  await ownerPost(request, owner, `/api/v1/bookings/${grace}/cancel`, { reason: "Double-booked" });
}

/** From the top: a full-page screenshot of a scrolled page draws the sticky header mid-page. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPageShot(page, name);
}

const rows = (page: Page) => page.getByRole("table").locator("tbody tr");

/** The log as it is after a click on Refresh: the worker sends in the background. */
async function untilRefreshed(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(page.getByRole("button", { name: "Refresh" })).toBeEnabled();
    await check();
  }).toPass({ timeout: 30_000 });
}

test("an invitee books and the owner sees the confirmations in the delivery log", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const owner = await apiOwner(request, "deliveries");
  const link = await openLink(request, owner, { title: "Intro call", slug: "intro-call" });

  // The invitee books three days ahead on the booking page.
  const invitee = await openPage(browser, link.bookingUrl, { timezoneId: "UTC", locale: "en-GB" });
  await pickDay(invitee, dateIn("UTC", 3));
  await times(invitee).first().click();
  await invitee.getByLabel("Your name").fill("Ada Lovelace");
  await invitee.getByLabel("Email", { exact: true }).fill("ada@example.com");
  await invitee.getByRole("button", { name: "Confirm booking" }).click();
  await expect(invitee.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await invitee.context().close();

  // The owner opens the delivery log from the dashboard's navigation.
  await page.goto(`/signin?next=${encodeURIComponent("/dashboard/links")}`);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Deliveries" }).click();
  await expect(page.getByRole("heading", { name: "Delivery log", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/dashboard\/deliveries$/);

  // Both confirmations go out (the invitee's and the host's); the four reminders wait for their time.
  const confirmations = rows(page).filter({ hasText: "Confirmation" });
  await untilRefreshed(page, async () => {
    await expect(confirmations).toHaveCount(2, { timeout: 1_000 });
    await expect(confirmations.filter({ hasText: "Sent" })).toHaveCount(2, { timeout: 1_000 });
  });
  const toAda = confirmations.filter({ hasText: "ada@example.com" });
  await expect(toAda).toContainText("Ada Lovelace (invitee)");
  await expect(toAda).toContainText("Email");
  await expect(toAda.locator(".cell-attempts")).toHaveText("Attempts: 1");
  await expect(confirmations.filter({ hasText: owner.email })).toContainText("(host)");
  // And the leads channel's delivery for the booking (its attendees matched to leads), the host's question
  // after the meeting (waiting for its end) and the owner's bell notice.
  await expect(rows(page).filter({ hasText: "Lead match" })).toHaveCount(1);
  await expect(rows(page).filter({ hasText: "Did they attend?" })).toHaveCount(1);
  await expect(rows(page).filter({ hasText: "Booking created" })).toHaveCount(1);
  await expect(rows(page)).toHaveCount(9);
  const reminders = rows(page).filter({ hasText: /Reminder, (a day|an hour) before/ });
  await expect(reminders).toHaveCount(4);
  for (const reminder of await reminders.all()) {
    await expect(reminder.locator(".state-badge")).toHaveText("Pending");
    await expect(reminder).toContainText("Due ");
  }
  await expect(page.getByRole("status").filter({ hasText: "Showing 9 deliveries (all)" })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "delivery-log");

  // A row opens its booking.
  await toAda.getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Ada Lovelace", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Emails" }).locator("li").filter({ hasText: "Confirmation" }).first()).toContainText("Sent");
  await page.goBack();
  await expect(page.getByRole("heading", { name: "Delivery log", level: 1 })).toBeVisible();

  // More bookings than a page holds, one cancelled: its reminders are skipped.
  await moreBookings(request, owner, link.apiUrl);
  await untilRefreshed(page, async () => {
    await expect(rows(page)).toHaveCount(25, { timeout: 1_000 });
    await expect(rows(page).filter({ hasText: "Cancellation" }).filter({ hasText: "Sent" })).toHaveCount(2, { timeout: 1_000 });
  });
  // The cancel's lead match and bell notice share its instant with the cancellations: the newest email is a cancellation.
  await expect(rows(page).filter({ has: page.locator(".delivery-channel", { hasText: /^Email$/ }) }).first()).toContainText("Cancellation");
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Showing 49 deliveries (all)" })).toBeVisible();
  await expect(rows(page)).toHaveCount(49);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  // The oldest page ends with the first booking's deliveries (three emails and its lead match).
  await expect(rows(page).filter({ hasText: "ada@example.com" })).toHaveCount(4);

  // The state filter, kept in the address.
  await page.getByLabel("State").selectOption({ label: "Skipped" });
  await expect(page).toHaveURL(/state=skipped/);
  // The cancelled booking's four reminders and its host's attendance question.
  await expect(rows(page)).toHaveCount(5);
  for (const row of await rows(page).all()) {
    await expect(row.locator(".state-badge")).toHaveText("Skipped");
    await expect(row).toContainText("Not needed: the booking changed before it was due");
  }
  await expect(rows(page).filter({ hasText: "grace@example.com" })).toHaveCount(2);
  await expectAccessible(page);
  await shot(page, "delivery-log-skipped");
  await page.getByLabel("State").selectOption({ label: "Failed" });
  await expect(page.getByText("No deliveries in this state.")).toBeVisible();
  await page.getByRole("button", { name: "Show every state" }).click();
  await expect(page.getByLabel("State")).toHaveValue("");
  // The pages already loaded come back with the filter.
  await expect(rows(page)).toHaveCount(49);
});

test.describe("on a phone", () => {
  test.use({ ...PHONE });

  test("the delivery log's rows become cards that fit the screen", async ({ page, request }) => {
    const owner = await apiOwner(request, "deliveries-phone");
    const link = await openLink(request, owner);
    const [start] = await laterStarts(request, link.apiUrl);
    await book(request, link.apiUrl, start!, "Ada Lovelace", "ada.lovelace.with.a.long.address@analytical-engines.example.com");
    const login = await page.request.post("/api/v1/auth/login", { data: { email: owner.email, password: PASSWORD } });
    expect(login.status(), await login.text()).toBe(200);

    await page.goto("/dashboard/deliveries");
    await expect(page.getByRole("heading", { name: "Delivery log", level: 1 })).toBeVisible();
    await untilRefreshed(page, async () => {
      await expect(rows(page).filter({ hasText: "Confirmation" }).filter({ hasText: "Sent" })).toHaveCount(2, { timeout: 1_000 });
    });
    await expect(page.locator("thead")).not.toBeInViewport();
    // The page's own content stays within the 375 px screen (the header's nav belongs to the shell).
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll("main *")].filter((element) => element.getBoundingClientRect().right > 376).map((element) => `${element.tagName.toLowerCase()}.${element.getAttribute("class") ?? ""}`),
    );
    expect(overflowing).toEqual([]);
    await expectAccessible(page);
    await shot(page, "delivery-log-phone");
  });
});
