// An owner's day with links, in a real browser: sign up through the page, make a
// link with the wizard (hours, a buffer, questions) and see its live slot
// preview, then copy, switch off and on, duplicate, edit and delete links, make
// and revoke one-time links, sign out and back in. Axe checks and screenshots
// of every screen, one in dark mode and some on a phone.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, PASSWORD, PHONE, shot, uniqueEmail } from "./support.js";

test.use({ timezoneId: "Europe/Berlin", locale: "en-GB", permissions: ["clipboard-read", "clipboard-write"] });

/** The screen's own content is no wider than the phone (nothing to scroll sideways). */
async function expectFitsPhone(page: Page, selector: string) {
  const box = await page.locator(selector).boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.viewport.width);
}

async function currentStep(page: Page) {
  return page.getByRole("navigation", { name: "Steps of the link wizard" }).locator('[aria-current="step"]');
}

test("an owner signs up, builds links with the wizard, shares them and signs in again", async ({ page, browser, request }) => {
  // One long journey with an axe run on every screen.
  test.setTimeout(180_000);
  const email = uniqueEmail("links");

  // Sign up, with field errors first.
  await page.goto("/signup");
  await expect(page.getByRole("heading", { name: "Create your Convene account" })).toBeVisible();
  await expect(page.getByLabel("Your time zone", { exact: true })).toHaveValue("Europe/Berlin");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByLabel("Your name")).toBeFocused();
  await page.getByLabel("Your name").fill("Rosa Links");
  await page.getByLabel("Company or team").fill("Links & Co");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await shot(page, "links-signup-errors");
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();

  // The first visit: an empty list that invites the first link.
  await expect(page).toHaveURL(/\/dashboard\/links$/);
  await expect(page.getByRole("heading", { name: "Create your first booking link" })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "links-empty");

  // The wizard: Basics.
  await page.getByRole("link", { name: "Create a booking link" }).click();
  await expect(await currentStep(page)).toContainText("Basics");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Give the link a title")).toBeVisible();
  await expect(page.getByLabel("Title")).toBeFocused();
  await page.getByLabel("Title").fill("Strategy call");
  await page.getByLabel("Address").fill("strategy");
  await page.getByLabel("Description").fill("Thirty minutes on where your project goes next.");
  // A fixed meeting link: checked as a web address before it is sent.
  await expect(page.getByRole("radio", { name: "Jitsi video call" })).toBeChecked();
  await page.getByRole("radio", { name: "Your meeting link" }).check();
  await page.getByLabel("Meeting URL").fill("zoom.us/j/81234567890");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Enter a web address starting with https://, e.g. https://zoom.us/j/1234567890.")).toBeVisible();
  await expect(page.getByLabel("Meeting URL")).toBeFocused();
  await page.getByLabel("Meeting URL").fill("https://zoom.us/j/81234567890");
  await expectAccessible(page);
  await shot(page, "wizard-basics");
  await page.getByRole("button", { name: "Next" }).click();

  // Hosts: the owner alone (team links: team-links.spec.ts).
  await expect(await currentStep(page)).toContainText("Hosts");
  await page.getByRole("button", { name: "Next" }).click();

  // Availability: Monday 10–12 and 13–16, copied to every day, weekend off; a closed date and a holiday.
  await expect(await currentStep(page)).toContainText("Availability");
  await page.getByLabel("Monday, range 1, from").fill("10:00");
  await page.getByLabel("Monday, range 1, until").fill("12:00");
  await page.getByRole("button", { name: "+ Add hours on Monday" }).click();
  await page.getByLabel("Monday, range 2, from").fill("13:00");
  await page.getByLabel("Monday, range 2, until").fill("16:00");
  await page.getByRole("button", { name: "Copy to all days (Monday's hours)" }).click();
  await expect(page.getByLabel("Sunday, range 2, until")).toHaveValue("16:00");
  await page.getByRole("checkbox", { name: "Saturday" }).uncheck();
  await page.getByRole("checkbox", { name: "Sunday" }).uncheck();
  await page.getByLabel("Tuesday, range 1, until").fill("09:00");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Must be after the start time.")).toBeVisible();
  await expect(page.getByLabel("Tuesday, range 1, until")).toBeFocused();
  await page.getByLabel("Tuesday, range 1, until").fill("12:00");
  await expect(page.getByText("Must be after the start time.")).toHaveCount(0);
  await page.getByRole("button", { name: "+ Add a date" }).click();
  await page.getByLabel("Date", { exact: true }).fill("2030-01-02");
  await page.getByLabel("Closed all day").check();
  await page.getByRole("button", { name: "+ Add a holiday" }).click();
  await page.getByLabel("Holiday 1").fill("2030-12-25");
  await expectAccessible(page);
  await shot(page, "wizard-availability");
  await page.getByRole("button", { name: "Next" }).click();

  // Durations and buffers.
  await expect(await currentStep(page)).toContainText("Durations and buffers");
  await page.getByRole("checkbox", { name: "1 h", exact: true }).check();
  await page.getByLabel("Custom duration (minutes)").fill("45");
  await page.getByRole("button", { name: "Add duration" }).click();
  await expect(page.getByRole("checkbox", { name: "45 min" })).toBeChecked();
  await page.getByLabel("Default duration").selectOption("30");
  await page.getByLabel("Buffer after (minutes)").fill("lots");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Enter a whole number from 0 to 720 minutes.")).toBeVisible();
  await page.getByLabel("Buffer after (minutes)").fill("15");
  await page.getByLabel("Start times every (minutes)").fill("30");
  await expectAccessible(page);
  await shot(page, "wizard-durations");
  await page.getByRole("button", { name: "Next" }).click();

  // Limits and window.
  await expect(await currentStep(page)).toContainText("Limits and window");
  await page.getByLabel("Most meetings per day").fill("5");
  await page.getByLabel("Minimum notice").fill("2");
  await page.getByLabel("Booking window (days ahead)").fill("30");
  await expectAccessible(page);
  await shot(page, "wizard-limits");
  await page.getByRole("button", { name: "Next" }).click();

  // Questions: two, the second a choice, moved to the top.
  await expect(await currentStep(page)).toContainText("Questions");
  await page.getByRole("button", { name: "+ Add a question" }).click();
  await expect(page.getByLabel("Question 1", { exact: true })).toBeFocused();
  await page.getByLabel("Question 1", { exact: true }).fill("What would you like to discuss?");
  await page.getByRole("checkbox", { name: "Required (question 1)" }).check();
  await page.getByRole("button", { name: "+ Add a question" }).click();
  await page.getByLabel("Question 2", { exact: true }).fill("Team size");
  await page.getByLabel("Answer type of question 2").selectOption("single_choice");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("List at least one option, one per line.")).toBeVisible();
  await page.getByLabel("Options of question 2").fill("1–10\n11–50\nMore than 50");
  await page.getByRole("button", { name: "Move question 2 up" }).click();
  await expect(page.getByLabel("Question 1", { exact: true })).toHaveValue("Team size");
  await expectAccessible(page);
  await shot(page, "wizard-questions");
  await page.getByRole("button", { name: "Next" }).click();

  // Review with the server's preview of the slots.
  await expect(await currentStep(page)).toContainText("Review");
  const preview = page.getByRole("region", { name: "Times invitees would see" });
  await expect(preview.getByRole("status")).toContainText(/\d+ open times? of 30 min/);
  await expect(preview.locator(".time-chip").first()).toBeVisible();
  await expect(page.getByText("Mon–Fri 10:00–12:00, 13:00–16:00")).toBeVisible();
  await expect(page.getByText("0 min before, 15 min after")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "wizard-review");
  await page.getByRole("button", { name: "Create link" }).click();

  // The detail page of the new link.
  await expect(page.getByText("Your link is ready.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Strategy call" })).toBeVisible();
  const bookingUrl = (await page.locator(".link-url a").first().getAttribute("href"))!;
  expect(bookingUrl).toMatch(/\/strategy$/);
  await expect(page.getByText("Strategy call questions (2)")).toBeVisible();
  await expect(page.getByText("Your meeting link: https://zoom.us/j/81234567890")).toBeVisible();

  // The list: copy the address, switch off and on.
  await page.getByRole("link", { name: "← All links" }).click();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Strategy call" }) });
  await expect(card).toContainText("30 min · 45 min · 1 h");
  await card.getByRole("button", { name: "Copy link of Strategy call" }).click();
  await expect(card.getByRole("button", { name: "✓ Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(bookingUrl);
  const switchOf = card.getByRole("switch", { name: "Taking bookings for Strategy call" });
  await switchOf.uncheck();
  await expect(card.getByText("Off", { exact: true })).toBeVisible();
  const publicApi = bookingUrl.replace(/^(https?:\/\/[^/]+)\//, "$1/api/v1/public/links/");
  const inactive = await request.get(publicApi);
  expect([inactive.status(), (await inactive.json()).code]).toEqual([404, "LINK_INACTIVE"]);
  await switchOf.check();
  await expect(card.getByText("Active", { exact: true })).toBeVisible();
  expect((await request.get(publicApi)).status()).toBe(200);

  // Duplicate, then edit the copy.
  await card.getByRole("button", { name: "Duplicate Strategy call" }).click();
  await expect(page.getByText("Copied as “Strategy call (copy)”.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Strategy call (copy)" })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "links-list");
  await page.getByRole("link", { name: "Edit Strategy call (copy)" }).click();
  await expect(page.getByLabel("Title")).toHaveValue("Strategy call (copy)");
  await page.getByLabel("Title").fill("Follow-up call");
  await page.getByLabel("Address").fill("strategy");
  await page.getByRole("button", { name: "Step 7: Review" }).click();
  await expect(page.getByText("Team size")).toBeVisible();
  await page.getByRole("button", { name: "Save changes" }).click();
  // The server's answer (the address is taken) comes back on its step and field.
  await expect(await currentStep(page)).toContainText("Basics");
  await expect(page.getByText("You already have a link at /strategy")).toBeVisible();
  await expect(page.getByLabel("Address")).toBeFocused();
  await page.getByLabel("Address").fill("follow-up");
  await expect(page.getByText("You already have a link at /strategy")).toHaveCount(0);
  await page.getByRole("button", { name: "Step 7: Review" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Follow-up call" })).toBeVisible();

  // Delete the copy, with a confirmation.
  await page.getByRole("link", { name: "← All links" }).click();
  await page.getByRole("button", { name: "Delete Follow-up call" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete “Follow-up call”?" });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await shot(page, "links-delete-dialog");
  await dialog.getByRole("button", { name: "Delete link" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("“Follow-up call” was deleted.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Follow-up call" })).toHaveCount(0);

  // One-time links on the detail page.
  await page.getByRole("link", { name: "Strategy call", exact: true }).click();
  const oneTime = page.getByRole("region", { name: "One-time links" });
  await oneTime.getByRole("button", { name: "Create one-time link" }).click();
  await expect(oneTime.getByText("Enter the recipient's name.")).toBeVisible();
  await oneTime.getByLabel("Recipient's name").fill("Grace Hopper");
  await oneTime.getByLabel("Recipient's email").fill("grace@example.com");
  await oneTime.getByLabel("Company").fill("Navy Labs");
  await oneTime.getByLabel("Topic").fill("Compiler roadmap");
  await oneTime.getByLabel("Works for").selectOption("7");
  await oneTime.getByRole("button", { name: "Create one-time link" }).click();
  await expect(oneTime.getByText("Link for Grace Hopper is ready.")).toBeVisible();
  const graceItem = oneTime.getByRole("list", { name: "One-time links" }).getByRole("listitem").filter({ hasText: "Grace Hopper" });
  await expect(graceItem.getByText("Active", { exact: true })).toBeVisible();
  await expect(graceItem).toContainText("Topic: Compiler roadmap");
  await graceItem.getByRole("button", { name: "Copy link for Grace Hopper" }).click();
  const graceUrl = await page.evaluate(() => navigator.clipboard.readText());
  expect(graceUrl).toMatch(/\/t\/[A-Za-z0-9_-]{16,}$/);
  await oneTime.getByLabel("Recipient's name").fill("Alan Turing");
  await oneTime.getByLabel("Recipient's email").fill("alan@example.com");
  await oneTime.getByRole("button", { name: "Create one-time link" }).click();
  const alanItem = oneTime.getByRole("listitem").filter({ hasText: "Alan Turing" });
  await alanItem.getByRole("button", { name: "Revoke the link for Alan Turing" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(alanItem.getByText("Revoked", { exact: true })).toBeVisible();
  const gracePage = await request.get(graceUrl.replace("/t/", "/api/v1/public/one-time/"));
  expect((await gracePage.json()).oneTime.prefill).toMatchObject({ name: "Grace Hopper", company: "Navy Labs", topic: "Compiler roadmap" });
  await expectAccessible(page);
  await shot(page, "link-detail");
  const detailUrl = page.url();

  // The same page in dark mode.
  await page.emulateMedia({ colorScheme: "dark" });
  await expectAccessible(page);
  await shot(page, "link-detail-dark");
  await page.emulateMedia({ colorScheme: "light" });

  // On a phone: the list as cards, and the wizard's week editor.
  const phone = await browser.newContext({ ...PHONE, timezoneId: "Europe/Berlin", locale: "en-GB", storageState: await page.context().storageState() });
  const phonePage = await phone.newPage();
  await phonePage.goto("/dashboard/links");
  await expect(phonePage.getByRole("heading", { name: "Strategy call" })).toBeVisible();
  await expectFitsPhone(phonePage, ".links-page");
  await expectAccessible(phonePage);
  await shot(phonePage, "links-list-phone");
  await phonePage.getByRole("link", { name: "Edit Strategy call" }).click();
  await expectFitsPhone(phonePage, ".wizard");
  // By keyboard: Enter on the focused button moves on like a tap (past the Hosts step to Availability).
  await phonePage.getByRole("button", { name: "Next" }).press("Enter");
  await expect(phonePage).toHaveURL(/step=hosts$/);
  await phonePage.getByRole("button", { name: "Next" }).press("Enter");
  await expect(phonePage.getByLabel("Monday, range 2, until")).toHaveValue("16:00");
  await expectAccessible(phonePage);
  await shot(phonePage, "wizard-availability-phone");
  await phone.close();

  // Sign out, come back to the detail page, sign in again (a wrong password first).
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto(detailUrl);
  await expect(page).toHaveURL(/\/signin\?next=/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
  await expectAccessible(page);
  await shot(page, "links-signin-error");
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(detailUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Strategy call" })).toBeVisible();
});

test("sign-up says when the email is taken, on the email field", async ({ page, request }) => {
  const email = uniqueEmail("taken");
  const first = await request.post("/api/v1/auth/signup", { data: { email, password: PASSWORD, name: "First", organization: "First Org", timeZone: "UTC" } });
  expect(first.status()).toBe(201);
  await page.context().clearCookies();
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Second");
  await page.getByLabel("Company or team").fill("Second Org");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toBeFocused();
});
