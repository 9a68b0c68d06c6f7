// The invitee's side in a real browser: booking an evergreen and a one-time
// link from another zone on a phone, the zone picker, the friendly screens for
// links that cannot book, a race for one slot, and the manage page.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DAY_MS, dateIn, openPage, pathOf, pickDay, pickSlot, times } from "./booking-steps.js";
import { apiOwner, expectAccessible, openLink, ownerPost, PHONE, shot, type ApiOwner } from "./support.js";

const DESKTOP = { viewport: { width: 1280, height: 900 } };

async function createTemplate(request: APIRequestContext, owner: ApiOwner, questions: unknown[]) {
  return ownerPost<{ id: string }>(request, owner, "/api/v1/templates", { name: "Intake", questions });
}

async function createOneTimeLink(request: APIRequestContext, owner: ApiOwner, linkId: string, fields: Record<string, unknown> = {}) {
  return ownerPost<{ token: string; bookingUrl: string }>(request, owner, `/api/v1/links/${linkId}/one-time`, {
    recipient: { email: "grace@example.com", name: "Grace Hopper", company: "Navy Labs" },
    topic: "Compiler consulting",
    ...fields,
  });
}

/** Books through the public API, for tests about what happens after booking. */
async function bookThroughApi(request: APIRequestContext, apiUrl: string, start: string, timeZone = "Asia/Tokyo") {
  const response = await request.post(`${pathOf(apiUrl)}/bookings`, { data: { start, durationMin: 30, timeZone, name: "Ada Lovelace", email: "ada@example.com", answers: {} } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; start: string; manageUrl: string; manageApiUrl: string };
}

test("an invitee in Tokyo books an evergreen link on a phone and sees the time in their zone", async ({ browser, request }) => {
  const owner = await apiOwner(request, "evergreen");
  const template = await createTemplate(request, owner, [
    { id: "company", label: "Company", type: "short_text", isRequired: true },
    { id: "size", label: "Team size", type: "single_choice", isRequired: true, options: ["1–10", "11–50", "51+"] },
    { id: "topics", label: "What should we cover?", type: "multiple_choice", options: ["Pricing", "Security", "Integrations"] },
    { id: "workEmail", label: "Work email", type: "email" },
    { id: "phone", label: "Phone", type: "phone" },
    { id: "about", label: "About your project", type: "long_text" },
    { id: "terms", label: "I agree to be contacted about this meeting", type: "checkbox", isRequired: true },
  ]);
  const link = await openLink(request, owner, { templateId: template.id, durationsMin: [30, 60], defaultDurationMin: 30, location: { type: "jitsi" } });
  const page = await openPage(browser, link.bookingUrl, { ...PHONE, timezoneId: "Asia/Tokyo", locale: "en-GB" });

  await expect(page.getByRole("heading", { level: 1, name: "Intro call" })).toBeVisible();
  await expect(page.getByText("Owner evergreen")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Times are shown in" })).toHaveValue(/^Asia\/Tokyo \(GMT\+9\)$/);
  await expect(page.getByRole("radio", { name: "30 min" })).toBeChecked();
  await expect(times(page).first()).toBeVisible();
  await shot(page, "public-booking-phone");
  await expectAccessible(page);

  const tomorrow = dateIn("Asia/Tokyo", 1);
  await pickDay(page, tomorrow);
  await pickSlot(page, "10:00");
  await expect(page.locator(".form-summary")).toContainText("10:00 – 10:30 (Asia/Tokyo)");

  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByText("Please enter your name.")).toBeVisible();
  await expect(page.getByLabel("Your name")).toBeFocused();
  await expect(page.getByLabel("Your name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Please tick this box to continue.")).toBeVisible();
  await shot(page, "public-booking-form-errors");
  await expectAccessible(page);

  await page.getByLabel("Your name").fill("Ada Lovelace");
  await page.getByLabel("Email", { exact: true }).fill("ada@");
  await page.getByLabel("Company").fill("Analytical Engines");
  await page.getByRole("radio", { name: "11–50" }).check();
  await page.getByRole("checkbox", { name: "Security" }).check();
  await page.getByLabel("Phone").fill("+44 20 7946 0958");
  await page.getByLabel("About your project").fill("Difference engine, second edition.");
  await page.getByRole("checkbox", { name: /I agree to be contacted/ }).check();
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toBeFocused();
  // Passes the page's loose check, fails the server's: the server's field error lands next to the field.
  await page.getByLabel("Email", { exact: true }).fill("ada@exa_mple.com");
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByText(/^Invalid email/)).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Email", { exact: true }).fill("ada@example.com");
  await expect(page.getByText(/^Invalid email/)).toHaveCount(0);
  await page.getByRole("button", { name: "Confirm booking" }).click();

  await expect(page.getByRole("heading", { name: "You're booked" })).toBeFocused();
  const startUtc = new Date(`${tomorrow}T10:00:00+09:00`);
  await expect(page.locator(".when-time")).toHaveText("10:00 – 10:30");
  await expect(page.getByText("Asia/Tokyo (GMT+9)")).toBeVisible();
  await expect(page.getByText("ada@example.com")).toBeVisible();

  const ics = page.getByRole("link", { name: "Download .ics" });
  const icsResponse = await page.request.get((await ics.getAttribute("href"))!);
  expect(icsResponse.headers()["content-type"]).toContain("text/calendar");
  const basic = startUtc.toISOString().replace(/[-:]/g, "").replace(".000", "");
  expect(await icsResponse.text()).toContain(`DTSTART:${basic}`);

  const google = new URL((await page.getByRole("link", { name: /Google Calendar/ }).getAttribute("href"))!);
  expect(google.origin + google.pathname).toBe("https://calendar.google.com/calendar/render");
  expect(google.searchParams.get("action")).toBe("TEMPLATE");
  expect(google.searchParams.get("dates")).toBe(`${basic}/${new Date(startUtc.getTime() + 30 * 60_000).toISOString().replace(/[-:]/g, "").replace(".000", "")}`);
  expect(google.searchParams.get("text")).toBe("Intro call with Owner evergreen");

  const manage = page.getByRole("link", { name: "Reschedule or cancel this meeting" });
  await expect(manage).toHaveAttribute("href", /\/manage\/[\w-]+$/);
  await shot(page, "public-confirmation-phone");
  await expectAccessible(page);

  const stored = await request.get(`/api/v1/bookings?limit=5`, { headers: { authorization: `Bearer ${owner.apiKey}` } });
  expect(JSON.stringify(await stored.json())).toContain("Analytical Engines");
  await page.context().close();
});

test("the time-zone picker converts the times at once and works from the keyboard (dark theme)", async ({ browser, request }) => {
  const owner = await apiOwner(request, "zones");
  const link = await openLink(request, owner);
  const page = await openPage(browser, link.bookingUrl, { ...DESKTOP, timezoneId: "Europe/Berlin", locale: "en-GB", colorScheme: "dark" });
  const berlinTomorrow = dateIn("Europe/Berlin", 1);
  await pickDay(page, berlinTomorrow);
  await pickSlot(page, "10:00");
  const summary = page.locator(".form-summary");
  await expect(summary).toContainText("10:00 – 10:30 (Europe/Berlin)");

  const picker = page.getByRole("combobox", { name: "Times are shown in" });
  await picker.click();
  await expect(page.getByRole("listbox", { name: "Time zones" })).toBeVisible();
  await picker.fill("new york");
  // Within the zone list: the language menu has options of its own.
  await expect(page.getByRole("listbox", { name: "Time zones" }).getByRole("option")).toHaveCount(1);
  await shot(page, "public-time-zone-picker-dark");
  await expectAccessible(page);
  await picker.press("Enter");

  await expect(picker).toHaveValue(/^America\/New York \(GMT-[45]\)$/);
  await expect(page.getByRole("listbox", { name: "Time zones" })).toBeHidden();
  // Berlin and New York are six hours apart in winter and in summer.
  await expect(page.getByRole("region", { name: "Pick a time" }).locator('[aria-pressed="true"]')).toHaveText("04:00");
  await expect(summary).toContainText("04:00 – 04:30 (America/New York)");
  await shot(page, "public-booking-desktop-dark");
  await expectAccessible(page);

  await picker.focus();
  await picker.press("ArrowDown");
  await picker.pressSequentially("tokyo");
  await picker.press("ArrowDown");
  await picker.press("Enter");
  await expect(picker).toHaveValue("Asia/Tokyo (GMT+9)");
  await expect(summary).toContainText("18:00 – 18:30 (Asia/Tokyo)");

  await picker.click();
  await picker.fill("zzz");
  await expect(page.getByText("No time zone matches")).toBeVisible();
  await picker.press("Escape");
  await expect(picker).toHaveValue("Asia/Tokyo (GMT+9)");

  // The calendar is one tab stop; arrow keys move between days and Enter picks one.
  const selected = page.locator(".day.is-selected");
  const before = await selected.getAttribute("data-date");
  await selected.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  const after = await page.locator(".day.is-selected").getAttribute("data-date");
  expect(Date.parse(after!) - Date.parse(before!)).toBe(DAY_MS);
  await page.context().close();
});

test("a one-time link opens prefilled, books once, and then says it was used", async ({ browser, request }) => {
  const owner = await apiOwner(request, "one-time");
  const template = await createTemplate(request, owner, [
    { id: "company", label: "Company", type: "short_text", isRequired: true },
    { id: "topic", label: "Topic", type: "long_text" },
  ]);
  const link = await openLink(request, owner, { templateId: template.id });
  const oneTime = await createOneTimeLink(request, owner, link.id);
  const page = await openPage(browser, oneTime.bookingUrl, { ...PHONE, timezoneId: "America/Los_Angeles", locale: "en-US" });

  await expect(page.getByText("Personal link")).toBeVisible();
  await expect(page.getByText("Compiler consulting").first()).toBeVisible();
  await pickDay(page, dateIn("America/Los_Angeles", 2));
  await times(page).first().click();
  await expect(page.getByLabel("Your name")).toHaveValue("Grace Hopper");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("grace@example.com");
  await expect(page.getByLabel("Company")).toHaveValue("Navy Labs");
  await expect(page.getByLabel("Topic")).toHaveValue("Compiler consulting");
  await shot(page, "public-one-time-prefilled");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByRole("heading", { name: "You're booked" })).toBeVisible();

  await page.goto(pathOf(oneTime.bookingUrl));
  await expect(page.getByRole("heading", { name: "This link was already used" })).toBeVisible();
  await shot(page, "public-one-time-used");
  await expectAccessible(page);
  await page.context().close();
});

test("expired, withdrawn and unknown links get their own screens", async ({ browser, request }) => {
  const owner = await apiOwner(request, "expiring");
  const link = await openLink(request, owner);
  const expiring = await createOneTimeLink(request, owner, link.id, { expiresAt: new Date(Date.now() + 2_000).toISOString() });
  const withdrawn = await createOneTimeLink(request, owner, link.id);
  await ownerPost(request, owner, `/api/v1/one-time/${withdrawn.token}/revoke`, {});
  await new Promise((resolve) => setTimeout(resolve, 2_500));

  const page = await openPage(browser, expiring.bookingUrl, { ...PHONE, timezoneId: "Europe/London", locale: "en-GB" });
  await expect(page.getByRole("heading", { name: "This booking link has expired" })).toBeVisible();
  await shot(page, "public-one-time-expired");
  await expectAccessible(page);

  await page.goto(pathOf(withdrawn.bookingUrl));
  await expect(page.getByRole("heading", { name: "This booking link was withdrawn" })).toBeVisible();
  await shot(page, "public-one-time-revoked");

  await page.goto(`/${owner.handle}/no-such-link`);
  await expect(page.getByRole("heading", { name: "We can't find this booking page" })).toBeVisible();
  await shot(page, "public-link-not-found");
  await expectAccessible(page);

  const off = await request.patch(`/api/v1/links/${link.id}`, { data: { isActive: false }, headers: { authorization: `Bearer ${owner.apiKey}` } });
  expect(off.ok(), await off.text()).toBe(true);
  await page.goto(pathOf(link.bookingUrl));
  await expect(page.getByRole("heading", { name: "This booking page is switched off" })).toBeVisible();
  await page.context().close();
});

test("two invitees race for one slot: the loser sees the nearest free times and books one with the form kept", async ({ browser, request }) => {
  const owner = await apiOwner(request, "race");
  const link = await openLink(request, owner);
  const zone = "UTC";
  const day = dateIn(zone, 3);
  const pages = await Promise.all([0, 1].map(() => openPage(browser, link.bookingUrl, { ...DESKTOP, timezoneId: zone, locale: "en-GB" })));
  for (const [i, page] of pages.entries()) {
    await pickDay(page, day);
    await pickSlot(page, "14:00");
    await page.getByLabel("Your name").fill(i === 0 ? "Winner" : "Runner-up");
    await page.getByLabel("Email", { exact: true }).fill(i === 0 ? "winner@example.com" : "second@example.com");
    await page.getByLabel("Anything to share before the meeting?").fill(`Note from ${i}`);
  }
  const [winner, loser] = pages as [Page, Page];
  await winner.getByRole("button", { name: "Confirm booking" }).click();
  await expect(winner.getByRole("heading", { name: "You're booked" })).toBeVisible();

  await loser.getByRole("button", { name: "Confirm booking" }).click();
  await expect(loser.getByRole("heading", { name: "Someone just booked that time" })).toBeVisible();
  const nearest = loser.getByRole("list", { name: "Nearest free times" }).getByRole("button");
  await expect(nearest.first()).toBeVisible();
  await expect(nearest).toContainText([/13:30/, /14:30/]);
  await shot(loser, "public-slot-taken");
  await expectAccessible(loser);

  await nearest.filter({ hasText: "14:30" }).click();
  await expect(loser.getByRole("button", { name: "Confirm booking" })).toBeFocused();
  await expect(loser.getByLabel("Your name")).toHaveValue("Runner-up");
  await expect(loser.getByLabel("Anything to share before the meeting?")).toHaveValue("Note from 1");
  await expect(loser.locator(".form-summary")).toContainText("14:30 – 15:00");
  await loser.getByRole("button", { name: "Confirm booking" }).click();
  await expect(loser.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await expect(loser.locator(".when-time")).toHaveText("14:30 – 15:00");
  for (const page of pages) await page.context().close();
});

test("a booking whose answer is lost is sent again with the same Idempotency-Key and books once", async ({ browser, request }) => {
  const owner = await apiOwner(request, "retry");
  const link = await openLink(request, owner);
  const page = await openPage(browser, link.bookingUrl, { ...DESKTOP, timezoneId: "UTC", locale: "en-GB" });
  const keys: string[] = [];
  let replayed: string | undefined;
  await page.route("**/bookings", async (route) => {
    keys.push(route.request().headers()["idempotency-key"] ?? "");
    const response = await route.fetch();
    // The server booked, but the answer never arrives.
    if (keys.length === 1) return route.abort("connectionreset");
    replayed = response.headers()["idempotent-replayed"];
    await route.fulfill({ response });
  });
  await pickDay(page, dateIn("UTC", 2));
  await pickSlot(page, "09:00");
  await page.getByLabel("Your name").fill("Flaky Network");
  await page.getByLabel("Email", { exact: true }).fill("flaky@example.com");
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByRole("heading", { name: "You're booked" })).toBeVisible();

  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(replayed).toBe("true");
  const bookings = await request.get(`/api/v1/bookings?linkId=${link.id}`, { headers: { authorization: `Bearer ${owner.apiKey}` } });
  expect((await bookings.json()).items).toHaveLength(1);
  await page.context().close();
});

test("a month without free time offers a jump to the next month that has some; loading shows skeletons", async ({ browser, request }) => {
  const owner = await apiOwner(request, "later");
  const zone = "UTC";
  const now = new Date();
  const opensOn = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 10)).toISOString().slice(0, 10);
  const link = await openLink(request, owner, { rangeStartDate: opensOn, maxDaysAhead: 150 });
  const context = await browser.newContext({ ...PHONE, timezoneId: zone, locale: "en-GB" });
  const page = await context.newPage();
  let delayMs = 1_500;
  await page.route("**/slots?*", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    await route.continue();
  });
  await page.goto(pathOf(link.bookingUrl));
  await expect(page.locator(".day.is-loading").first()).toBeVisible();
  await shot(page, "public-booking-loading");
  delayMs = 0;

  await expect(page.getByRole("heading", { name: /^No free time in / })).toBeVisible();
  await shot(page, "public-no-free-time");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Jump to the next month with free time" }).click();
  await expect(page.locator(".day.is-selected")).toHaveAttribute("data-date", opensOn);
  await expect(page.getByRole("heading", { level: 2, name: /10/ })).toBeFocused();
  await expect(times(page).first()).toHaveText("00:00");
  await context.close();
});

test("the manage page shows the booking in the viewer's zone, reschedules, then cancels with a reason", async ({ browser, request }) => {
  const owner = await apiOwner(request, "manage");
  const link = await openLink(request, owner);
  const day = dateIn("Asia/Tokyo", 2);
  const booked = await bookThroughApi(request, link.apiUrl, new Date(`${day}T10:00:00+09:00`).toISOString());
  const page = await openPage(browser, booked.manageUrl, { ...PHONE, timezoneId: "Asia/Tokyo", locale: "en-GB" });

  await expect(page.getByRole("heading", { level: 1, name: "Intro call" })).toBeVisible();
  await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(page.locator(".when-time")).toHaveText("10:00 – 10:30");
  await expect(page.getByText("Ada Lovelace (ada@example.com)")).toBeVisible();
  // The booking's own Jitsi room, the one its emails carry.
  const room: string = (await (await request.get(pathOf(booked.manageApiUrl))).json()).location.url;
  expect(room).toMatch(/^https:\/\/[^/]+\/Convene-[a-z2-7]{32}$/);
  await expect(page.getByRole("link", { name: room })).toHaveAttribute("href", room);
  await shot(page, "public-manage");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Reschedule" }).click();
  const nextDay = dateIn("Asia/Tokyo", 3);
  await pickDay(page, nextDay);
  await page.getByRole("region", { name: "Pick a time" }).getByRole("button", { name: "11:30", exact: true }).click();
  await shot(page, "public-manage-reschedule");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Move my meeting here" }).click();
  await expect(page.getByRole("heading", { name: "Your meeting has moved" })).toBeVisible();
  await expect(page.getByText("Confirmed · rescheduled")).toBeVisible();
  await expect(page.locator(".when-time")).toHaveText("11:30 – 12:00");
  const moved = await (await request.get(pathOf(booked.manageApiUrl))).json();
  expect(moved.start).toBe(new Date(`${nextDay}T11:30:00+09:00`).toISOString());
  expect(moved.location.url).toBe(room);

  await page.getByRole("button", { name: "Cancel meeting" }).click();
  await expect(page.getByLabel(/Reason/)).toBeFocused();
  await page.getByLabel(/Reason/).fill("Something came up, sorry.");
  await shot(page, "public-manage-cancel-step");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Yes, cancel the meeting" }).click();
  await expect(page.getByRole("heading", { name: "Your meeting is cancelled" })).toBeVisible();
  await expect(page.getByText("Something came up, sorry.")).toBeVisible();
  await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();
  expect((await (await request.get(pathOf(booked.manageApiUrl))).json()).status).toBe("cancelled");

  await page.reload();
  await expect(page.getByRole("heading", { name: "This meeting was cancelled" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Reschedule" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Book a new time" })).toHaveAttribute("href", link.bookingUrl);
  await shot(page, "public-manage-cancelled");
  await expectAccessible(page);

  await page.goto("/manage/not-a-real-token-at-all-0000");
  await expect(page.getByRole("heading", { name: "We can't find this booking" })).toBeVisible();
  await shot(page, "public-manage-not-found");
  await expectAccessible(page);
  await page.context().close();
});
