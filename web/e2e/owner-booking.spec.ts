// Owner-side booking in a real browser (issue 16, part 1): working hours in
// Settings say what they decide and a new link starts from them; the "New
// meeting" form shows the hosts' free times, judges a typed time with its
// reasons, says how to connect a calendar for Google Meet, books outside
// working hours when told and opens the booking; the invitee's manage page of
// that booking (made without a link) shows its title, place and hosts and
// moves it within the hosts' hours.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { dateIn, openPage, pickDay, pathOf } from "./booking-steps.js";
import { apiOwner, expectAccessible, PHONE, shot, signIn, uniqueEmail, type ApiOwner } from "./support.js";

test.use({ timezoneId: "Europe/Berlin", locale: "en-GB" });

/** Every day 08:00–18:00 Berlin, so tomorrow has free time whatever day the test runs. */
async function workEveryDay(request: APIRequestContext, owner: ApiOwner) {
  const response = await request.patch("/api/v1/me", {
    headers: { authorization: `Bearer ${owner.apiKey}` },
    data: { weeklyHours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: "08:00", end: "18:00" }] },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** "2026-11-24 20:00": an instant's date and time in a zone. */
function wallTime(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}

const freeTimes = (page: Page) => page.getByRole("group", { name: /^Free times on/ }).getByRole("radio");

test("working hours drive new links and the New meeting form, which books and opens the booking; its manage page moves it", async ({ page, request, browser }) => {
  test.setTimeout(180_000);
  const owner = await apiOwner(request, "newmeeting");
  await workEveryDay(request, owner);
  const member = await request.post("/api/v1/members", {
    headers: { authorization: `Bearer ${owner.apiKey}` },
    data: { email: uniqueEmail("kim"), name: "Kim Colleague", timeZone: "America/New_York", password: "member password 123" },
  });
  expect(member.status(), await member.text()).toBe(201);

  // Settings: what working hours decide, and the owner's own week.
  await signIn(page, owner, "/dashboard/settings");
  const card = page.getByRole("region", { name: "Working hours" });
  await expect(card.getByText("your free times without a link")).toBeVisible();
  await expect(card.getByText("where a new link starts")).toBeVisible();
  await expect(card.getByLabel("Saturday, range 1, from")).toHaveValue("08:00");
  await card.scrollIntoViewIfNeeded();
  await shot(page, "owner-booking-settings-hours");

  // A new link starts from them.
  await page.goto("/dashboard/links/new");
  await page.getByLabel("Title").fill("Intro");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/step=hosts$/);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/step=availability$/);
  await expect(page.getByLabel("Saturday, range 1, from")).toHaveValue("08:00");
  await expect(page.getByLabel("Saturday, range 1, until")).toHaveValue("18:00");
  await expect(page.getByText("A new link starts from your working hours")).toBeVisible();

  // The New meeting form, from the Bookings page.
  // Leaving the unsaved wizard may ask first (beforeunload): leave.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.goto("/dashboard/bookings");
  await page.getByRole("link", { name: "New meeting" }).click();
  await expect(page).toHaveURL(/\/dashboard\/bookings\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "New meeting" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Owner newmeeting (you)" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Kim Colleague" })).not.toBeChecked();
  await page.getByRole("button", { name: "Next day" }).click();
  const tomorrow = dateIn("Europe/Berlin", 1);
  await expect(page.getByLabel("Day", { exact: true })).toHaveValue(tomorrow);
  await expect(freeTimes(page).first()).toHaveAccessibleName("08:00");
  await expect(freeTimes(page)).toHaveCount(20);

  // A typed time outside working hours: why, and the nearest free times; the waiver allows it.
  await page.getByLabel(/Or type a time/).fill("20:00");
  const verdict = page.getByRole("status").filter({ hasText: "is not free" });
  await expect(verdict).toBeVisible();
  await expect(verdict.getByRole("listitem").first()).toContainText(/working/i);
  await expect(verdict.getByRole("button").first()).toBeVisible();
  await page.getByLabel("Allow outside working hours (busy time still counts)").check();
  await expect(page.getByText("Outside working hours, allowed")).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill("Ada Lovelace");
  await page.getByLabel("Email", { exact: true }).fill("ada@example.com");
  await page.getByRole("button", { name: "Add a guest" }).click();
  await page.getByRole("group", { name: "Guest 1" }).getByLabel("Email").fill("bob@example.com");
  await page.getByLabel(/^Title/).fill("Pricing call");

  // Google Meet without a Google calendar: a clear way forward.
  await page.getByLabel("Location", { exact: true }).selectOption("google_meet");
  await page.getByRole("button", { name: /^Book / }).click();
  const notConnected = page.getByRole("alert").filter({ hasText: "Connect a calendar for this location" });
  await expect(notConnected).toBeVisible();
  await expect(notConnected.getByRole("link", { name: "Connect a calendar" })).toHaveAttribute("href", "/dashboard/calendars");
  await expectAccessible(page);
  await shot(page, "owner-booking-new-meeting");

  await page.getByLabel("Location", { exact: true }).selectOption("phone");
  await page.getByLabel("Phone number").fill("+44 20 7946 0000");
  const answer = page.waitForResponse((response) => response.url().endsWith("/api/v1/bookings") && response.request().method() === "POST");
  await page.getByRole("button", { name: /^Book / }).click();
  const booked = (await (await answer).json()) as { id: string; start: string; manageUrl: string };
  await expect(page).toHaveURL(new RegExp(`/dashboard/bookings/${booked.id}$`));
  expect(wallTime(booked.start, "Europe/Berlin")).toBe(`${tomorrow} 20:00`);
  await expect(page.getByText("Pricing call").first()).toBeVisible();
  await expect(page.getByText("+44 20 7946 0000").first()).toBeVisible();
  await shot(page, "owner-booking-detail");

  // The invitee's manage page of a booking made without a link.
  const manage = await openPage(browser, booked.manageUrl, { ...PHONE, timezoneId: "Europe/London", locale: "en-GB" });
  await expect(manage.getByRole("heading", { level: 1, name: "Pricing call" })).toBeVisible();
  await expect(manage.getByText("Owner newmeeting", { exact: true })).toBeVisible();
  await expect(manage.getByText("+44 20 7946 0000")).toBeVisible();
  await expectAccessible(manage);
  await shot(manage, "owner-booking-manage");
  await manage.getByRole("button", { name: "Reschedule" }).click();
  await pickDay(manage, tomorrow);
  // 09:00 London is 10:00 Berlin: inside the owner's hours.
  await manage.getByRole("region", { name: "Pick a time" }).getByRole("button", { name: "09:00", exact: true }).click();
  await shot(manage, "owner-booking-manage-reschedule");
  await manage.getByRole("button", { name: "Move my meeting here" }).click();
  await expect(manage.getByRole("heading", { name: "Your meeting has moved" })).toBeVisible();
  const moved = await (await request.get(pathOf(booked.manageUrl).replace("/manage/", "/api/v1/public/manage/"))).json();
  expect(wallTime(moved.start, "Europe/London")).toBe(`${tomorrow} 09:00`);
  await manage.context().close();
});

test("the New meeting form on a phone", async ({ browser, request }) => {
  const owner = await apiOwner(request, "newmeeting-phone");
  await workEveryDay(request, owner);
  const context = await browser.newContext({ ...PHONE, timezoneId: "Europe/Berlin", locale: "en-GB" });
  const page = await context.newPage();
  await signIn(page, owner, "/dashboard/bookings/new");
  await page.getByRole("button", { name: "Next day" }).click();
  await expect(freeTimes(page).first()).toBeVisible();
  await freeTimes(page).nth(2).check();
  await expect(page.getByRole("button", { name: /^Book / })).toBeEnabled();
  // A member-less owner picks no hosts: only themselves.
  await expect(page.getByRole("checkbox", { name: /\(you\)/ })).toBeChecked();
  await expectAccessible(page);
  await shot(page, "owner-booking-new-meeting-phone");
  await context.close();
});
