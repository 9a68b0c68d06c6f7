// The owner's dashboard beyond links, in a real browser: the bookings list
// (search, filters, tabs), a booking's page (answers, history, emails),
// rescheduling to a free slot and cancelling with a reason; a link's analytics
// chart; settings (name, time zone, handle, API keys, theme); and the dev
// outbox with the mails those changes sent. Bookings are made through the
// public API. Attendance needs a meeting that has started, which the real clock
// cannot give here: the browser checks that the buttons wait for the start, and
// test/booking/public-booking.test.ts records attendance through the API.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiOwner, expectAccessible, openLink, ownerPost, PASSWORD, PHONE, shot as fullPageShot, signIn } from "./support.js";

test.use({ timezoneId: "Europe/Berlin", locale: "en-GB", permissions: ["clipboard-read", "clipboard-write"] });

type Slots = { days: { date: string; slots: { start: string }[] }[] };

/** Free starts of a link at least two hours ahead, so none starts while the test runs. */
async function freeStarts(request: APIRequestContext, apiUrl: string): Promise<string[]> {
  const slots = (await (await request.get(`${apiUrl}/slots`)).json()) as Slots;
  const soonestMs = Date.now() + 2 * 3_600_000;
  return slots.days.flatMap((day) => day.slots.map((slot) => slot.start)).filter((start) => Date.parse(start) >= soonestMs);
}

/** viewId: the page view it is booked from, as the booking page sends it; without one, an API booking. */
async function book(request: APIRequestContext, apiUrl: string, start: string, name: string, email: string, answers: Record<string, unknown> = {}, viewId?: string) {
  const response = await request.post(`${apiUrl}/bookings`, { data: { start, timeZone: "Europe/London", name, email, answers, ...(viewId ? { viewId } : {}) } });
  expect(response.status(), await response.text()).toBe(201);
}

/** An owner with two links (one asking a question), four views of the first, and four bookings (two of them made from a view). */
async function ownerWithBookings(request: APIRequestContext, label: string) {
  const owner = await apiOwner(request, label);
  const template = await ownerPost<{ id: string }>(request, owner, "/api/v1/templates", {
    name: "Intro questions",
    questions: [{ id: "company", label: "Company", type: "short_text", isRequired: false }],
  });
  const intro = await openLink(request, owner, { title: "Intro call", slug: "intro-call", templateId: template.id });
  const deepDive = await openLink(request, owner, { title: "Deep dive", slug: "deep-dive" });
  const viewIds: string[] = [];
  for (let view = 0; view < 4; view++) {
    const opened = await request.get(intro.apiUrl);
    expect(opened.ok()).toBe(true);
    viewIds.push(((await opened.json()) as { viewId: string }).viewId);
  }
  const starts = await freeStarts(request, intro.apiUrl);
  await book(request, intro.apiUrl, starts[0]!, "Ada Lovelace", "ada@example.com", { company: "Analytical Engines" }, viewIds[0]);
  await book(request, intro.apiUrl, starts[2]!, "Grace Hopper", "grace@example.com", {}, viewIds[1]);
  await book(request, intro.apiUrl, starts[4]!, "Alan Turing", "alan@example.com");
  await book(request, deepDive.apiUrl, starts[6]!, "Katherine Johnson", "katherine@example.com");
  return { owner, intro, deepDive };
}

/** From the top: a full-page screenshot of a scrolled page draws the sticky header mid-page. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPageShot(page, name);
}

const rows = (page: Page) => page.getByRole("table").locator("tbody tr");

test("an owner works through bookings, analytics, settings and the outbox", async ({ page, request }) => {
  // One long story through five screens, with axe on each: more than the default minute.
  test.setTimeout(180_000);
  const { owner, intro } = await ownerWithBookings(request, "bookings");
  await signIn(page, owner, "/dashboard/bookings");

  // The list: upcoming, soonest first, in the owner's zone.
  await expect(page.getByRole("heading", { name: "Bookings", level: 1 })).toBeVisible();
  await expect(page.getByText("Times in Europe/Berlin")).toBeVisible();
  await expect(rows(page)).toHaveCount(4);
  await expect(rows(page).first()).toContainText("Ada Lovelace");
  await expect(rows(page).first()).toContainText("Intro call");
  await expectAccessible(page);
  await shot(page, "bookings-list");

  // Search by name, then by email (debounced, no button).
  await page.getByLabel("Search").fill("grace");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Grace Hopper");
  await expect(page).toHaveURL(/q=grace/);
  await page.getByLabel("Search").fill("alan@example");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Alan Turing");
  await page.getByLabel("Search").fill("");
  await expect(rows(page)).toHaveCount(4);

  // Filters by link and status; an empty result offers to clear them.
  await page.getByLabel("Link", { exact: true }).selectOption({ label: "Deep dive" });
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Katherine Johnson");
  await page.getByLabel("Status").selectOption({ label: "Cancelled" });
  await expect(page.getByText("No bookings match these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(rows(page)).toHaveCount(4);
  await expect(page.getByLabel("Link", { exact: true })).toHaveValue("");

  // The past tab (keyboard: arrow keys move between tabs).
  await page.getByRole("tab", { name: "Upcoming" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Past" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByText("No past bookings yet.")).toBeVisible();
  await page.getByRole("tab", { name: "Upcoming" }).click();

  // A booking: invitee, answers labelled by the question, history, emails; attendance waits for the start.
  await page.getByRole("link", { name: "Ada Lovelace" }).click();
  await expect(page.getByRole("heading", { name: "Ada Lovelace", level: 1 })).toBeVisible();
  const answers = page.getByRole("region", { name: "Answers" });
  await expect(answers.getByRole("term")).toHaveText("Company");
  await expect(answers.getByRole("definition")).toHaveText("Analytical Engines");
  const history = page.getByRole("region", { name: "History" });
  await expect(history).toContainText("Booked");
  await expect(history).toContainText("by the invitee (ada@example.com)");
  await expect(page.getByRole("region", { name: "Emails" })).toContainText("Confirmation");
  await expect(page.getByRole("button", { name: "Showed up" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "No-show" })).toBeDisabled();
  await expect(page.getByText("You can mark attendance once the meeting has started.")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "booking-detail");

  // Reschedule: the next day's free times, pick one, confirm.
  await page.getByRole("button", { name: "Reschedule" }).click();
  const reschedule = page.getByRole("dialog", { name: "Reschedule" });
  await expect(reschedule).toBeVisible();
  await reschedule.getByRole("button", { name: "Next day" }).click();
  const slot = reschedule.getByRole("radio").nth(3);
  await slot.check();
  await expect(reschedule.getByRole("button", { name: /^Move to / })).toBeEnabled();
  await expectAccessible(page);
  await shot(page, "booking-reschedule");
  await reschedule.getByRole("button", { name: /^Move to / }).click();
  await expect(reschedule).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Moved to" })).toBeVisible();
  await expect(page.locator(".detail-header .badge")).toHaveText("Rescheduled");
  await expect(history).toContainText("Rescheduled");
  await expect(history).toContainText("by you");

  // Cancel another booking with a reason.
  await page.getByRole("link", { name: "Bookings" }).first().click();
  await page.getByRole("link", { name: "Grace Hopper" }).click();
  await page.getByRole("button", { name: "Cancel booking" }).click();
  const cancel = page.getByRole("dialog", { name: "Cancel this booking?" });
  await cancel.getByLabel("Reason").fill("I am travelling that week.");
  await cancel.getByRole("button", { name: "Cancel booking" }).click();
  await expect(cancel).toBeHidden();
  await expect(page.locator(".detail-header .badge")).toHaveText("Cancelled");
  await expect(page.getByText("Cancellation reason: I am travelling that week.")).toBeVisible();
  await expect(page.getByRole("region", { name: "History" })).toContainText("Reason: I am travelling that week.");
  await expect(page.getByRole("button", { name: "Reschedule" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Showed up" })).toHaveCount(0);
  await page.getByRole("link", { name: "Bookings" }).first().click();
  await page.getByLabel("Status").selectOption({ label: "Cancelled" });
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Grace Hopper");

  // Analytics: four views and three bookings of the intro link, today; two booked from a view, one through the API.
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Analytics" }).click();
  await page.getByLabel("Link", { exact: true }).selectOption({ label: "Intro call" });
  const analytics = page.getByRole("region", { name: "Intro call" });
  const stat = (name: string) => analytics.getByRole("term").filter({ hasText: new RegExp(`^${name}$`) }).locator("xpath=following-sibling::dd[1]");
  await expect(stat("Views")).toContainText("4");
  await expect(stat("Bookings")).toContainText("3");
  await expect(stat("Bookings")).toContainText("1 booking without a page view (API, direct)");
  await expect(stat("Conversion")).toContainText("50%");
  await expect(analytics.getByText("Conversion: bookings made from a viewed page ÷ page views.")).toBeVisible();
  await expect(stat("Cancelled")).toContainText("1");
  await expect(stat("Show rate")).toContainText("no attendance marked yet");
  await expect(analytics.getByRole("img", { name: /Views and bookings per day, last 30 days/ })).toBeVisible();
  await analytics.getByText("Show the numbers as a table").click();
  const today = analytics.getByRole("table").locator("tbody tr").last();
  await expect(today.locator("td")).toHaveText(["4", "3"]);
  await analytics.getByRole("radio", { name: "7 days" }).check();
  await expect(analytics.getByRole("img", { name: /last 7 days/ })).toBeVisible();
  await expect(analytics.getByRole("table").locator("tbody tr")).toHaveCount(7);
  await expect(page.getByRole("region", { name: "All links, last 30 days" })).toContainText("Deep dive");
  await expectAccessible(page);
  await shot(page, "analytics");

  // Settings: name, time zone and handle, each reflected where it shows.
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Rosa Bookings");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();
  await expect(page.locator(".topbar-user")).toHaveText("Rosa Bookings");

  await page.getByLabel("Filter the time zone list").fill("new york");
  await page.getByLabel("Filter the time zone list").press("Enter");
  await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue("America/New_York");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();

  const newHandle = `rosa-${Date.now().toString(36)}`;
  await page.getByLabel("Handle").fill("Dash board");
  await expect(page.getByText("Use 2 to 40 lower-case letters")).toHaveCount(0);
  await page.getByLabel("Handle").fill("-bad");
  await expect(page.getByText("Use 2 to 40 lower-case letters")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save profile" })).toBeDisabled();
  await page.getByLabel("Handle").fill(newHandle);
  await page.getByRole("button", { name: "Save profile" }).click();
  const confirmHandle = page.getByRole("dialog", { name: "Change your booking URLs?" });
  await expect(confirmHandle).toContainText(`/${newHandle}/`);
  await confirmHandle.getByRole("button", { name: "Change handle" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();
  expect((await request.get(`/api/v1/public/links/${newHandle}/${intro.slug}`)).status()).toBe(200);
  expect((await request.get(intro.apiUrl)).status()).toBe(404);

  // A handle someone else has is refused with a clear message.
  const other = await apiOwner(request, "other");
  await page.getByLabel("Handle").fill(other.handle);
  await page.getByRole("button", { name: "Save profile" }).click();
  await page.getByRole("dialog", { name: "Change your booking URLs?" }).getByRole("button", { name: "Change handle" }).click();
  await expect(page.getByText("Another account already has this handle").first()).toBeVisible();
  await page.getByRole("dialog", { name: "Change your booking URLs?" }).getByRole("button", { name: "Keep the old handle" }).click();
  await page.getByRole("button", { name: "Undo changes" }).click();
  await expect(page.getByLabel("Handle")).toHaveValue(newHandle);

  // API keys: created and shown once, working, then revoked.
  await page.getByLabel("Name of the new key").fill("CRM sync");
  await page.getByRole("button", { name: "Create key" }).click();
  const keyInput = page.getByLabel("API key", { exact: true });
  await expect(keyInput).toHaveValue(/^cv_/);
  const key = await keyInput.inputValue();
  await page.getByRole("button", { name: "Copy the API key" }).click();
  await expect(page.getByRole("button", { name: /Copied/ })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  expect((await request.get("/api/v1/me", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(200);
  await expectAccessible(page);
  await shot(page, "settings-new-key");
  await page.getByRole("button", { name: "Done, I stored it" }).click();
  await expect(keyInput).toHaveCount(0);
  await page.getByRole("button", { name: "Revoke CRM sync" }).click();
  await page.getByRole("dialog", { name: "Revoke “CRM sync”?" }).getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText("Revoked “CRM sync”.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Your API keys" })).toContainText("Revoked");
  expect((await request.get("/api/v1/me", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(401);

  // The theme, dark, as the header's toggle shows it too.
  await page.getByLabel("Dark").check();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("button", { name: /^Theme: dark/ })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "settings-dark");

  // The list now shows New York times (still dark).
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Bookings" }).click();
  await expect(page.getByText("Times in America/New York")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "bookings-list-dark");
  await page.getByRole("button", { name: /^Theme: dark/ }).click();
  await page.getByRole("button", { name: /^Theme: system/ }).waitFor();

  // The outbox: every mail those bookings and changes would have sent.
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page.getByRole("heading", { name: "No mail is sent: it is kept here" })).toBeVisible();
  const mails = page.locator(".mail-list > li");
  await expect(async () => {
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(mails.filter({ hasText: "Cancelled: Intro call" })).toHaveCount(2, { timeout: 1_000 });
    await expect(mails.filter({ hasText: "Rescheduled: Intro call" })).toHaveCount(2, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(mails.filter({ hasText: "Confirmed: Intro call" })).toHaveCount(3);
  await expect(mails.filter({ hasText: "New booking: Intro call" })).toHaveCount(3);
  const confirmation = mails.filter({ hasText: "Confirmed: Intro call" }).filter({ hasText: "ada@example.com" });
  await expect(confirmation.locator(".badge").first()).toHaveText("Invite (.ics)");
  // Before a message is open: axe cannot run inside the script-less sandboxed frame that shows it.
  await expectAccessible(page);
  await confirmation.getByRole("button", { name: /^Read/ }).click();
  await expect(confirmation.locator("iframe")).toHaveAttribute("sandbox", "allow-popups allow-popups-to-escape-sandbox");
  await expect(confirmation.frameLocator("iframe").getByText("Intro call").first()).toBeVisible();
  await expect(confirmation.getByRole("link", { name: /invite\.ics/ })).toBeVisible();
  await shot(page, "outbox");
  // The message itself: a page screenshot can miss the sandboxed frame's paint, the element's own cannot.
  await confirmation.locator("iframe").screenshot({ path: "test-results/screens/outbox-message.png" });
  await confirmation.getByRole("tab", { name: "Plain text" }).click();
  await expect(confirmation.locator("pre")).toContainText("Ada");
});

test.describe("on a phone", () => {
  test.use({ ...PHONE });

  test("the bookings list turns into cards and the pages fit the screen", async ({ page, request }) => {
    const { owner } = await ownerWithBookings(request, "phone");
    const login = await page.request.post("/api/v1/auth/login", { data: { email: owner.email, password: PASSWORD } });
    expect(login.status(), await login.text()).toBe(200);

    await page.goto("/dashboard/bookings");
    await expect(rows(page)).toHaveCount(4);
    await expect(page.locator("thead")).not.toBeInViewport();
    // The page's own content stays within the 375 px screen (the header's nav belongs to the shell).
    const noHorizontalScroll = () =>
      page.evaluate(() =>
        [...document.querySelectorAll("main *")]
          .filter((element) => element.getBoundingClientRect().right > 376 && !element.closest("details:not([open])"))
          .map((element) => `${element.tagName.toLowerCase()}.${element.getAttribute("class") ?? ""} ${Math.round(element.getBoundingClientRect().right)} ${window.innerWidth} ${document.querySelector("main")!.getBoundingClientRect().width}`),
      );
    expect(await noHorizontalScroll()).toEqual([]);
    await expectAccessible(page);
    await shot(page, "bookings-list-phone");

    await page.getByRole("link", { name: "Ada Lovelace" }).click();
    await expect(page.getByRole("heading", { name: "Ada Lovelace", level: 1 })).toBeVisible();
    expect(await noHorizontalScroll()).toEqual([]);
    await shot(page, "booking-detail-phone");

    await page.goto("/dashboard/analytics");
    await expect(page.getByRole("img", { name: /Views and bookings per day/ })).toBeVisible();
    expect(await noHorizontalScroll()).toEqual([]);
    await expectAccessible(page);
    await shot(page, "analytics-phone");

    await page.goto("/dashboard/settings");
    await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();
    expect(await noHorizontalScroll()).toEqual([]);
    await shot(page, "settings-phone");

    await page.goto("/dashboard/outbox");
    await expect(page.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();
    expect(await noHorizontalScroll()).toEqual([]);
    await shot(page, "outbox-phone");
  });
});
