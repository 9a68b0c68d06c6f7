// The link wizard as an owner moves around in it: steps in the address (Back,
// Forward, reload), the draft kept, leaving by the menu asks (Back past the
// first step is guarded in leave-guard.ts but not yet driven here); a Cyrillic title's slug shown
// and editable, a Chinese one asking for a slug; campaign dates in the past
// warned about in the wizard, the review and on the card; and a one-time link
// with picked times, emailed by Convene (read back from the dev outbox).
import { expect, test, type Page } from "@playwright/test";
import { apiOwner, openLink, PASSWORD, shot, type ApiOwner } from "./support.js";

test.use({ timezoneId: "Europe/Berlin", locale: "en-GB" });

async function signIn(page: Page, owner: ApiOwner) {
  const login = await page.request.post("/api/v1/auth/login", { data: { email: owner.email, password: PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
}

const currentStep = (page: Page) => page.getByRole("navigation", { name: "Steps of the link wizard" }).locator('[aria-current="step"]');

test("steps live in the address, the draft survives a reload, and leaving a dirty draft asks", async ({ page, request }) => {
  test.setTimeout(90_000);
  const owner = await apiOwner(request, "wizard");
  await signIn(page, owner);
  await page.goto("/dashboard/links");
  await page.getByRole("link", { name: "Create a booking link" }).click();
  await expect(page).toHaveURL(/\/dashboard\/links\/new\?step=basics$/);
  const dialog = page.getByRole("dialog", { name: "Leave without saving?" });

  // A title with no Latin spelling leaves the address empty and asks for one.
  await page.getByLabel("Title").fill("会议");
  await expect(page.getByLabel("Address")).toHaveValue("");
  await expect(page.getByText("this title has no letters an address can use")).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Type the address: this title has no letters an address can use")).toBeVisible();
  await expect(page).toHaveURL(/step=basics$/);

  // A Cyrillic title gives a transliterated address the owner can change.
  await page.getByLabel("Title").fill("Встреча с клиентом");
  await expect(page.getByLabel("Address")).toHaveValue("vstrecha-s-klientom");
  await shot(page, "wizard-cyrillic-slug");
  await page.getByLabel("Address").fill("vstrecha");
  await page.getByLabel("Title").fill("Встреча с клиентом!");
  await expect(page.getByLabel("Address")).toHaveValue("vstrecha");

  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/step=hosts$/);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/step=availability$/);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/step=durations$/);
  await expect(currentStep(page)).toContainText("Durations");

  await page.goBack();
  await expect(page).toHaveURL(/step=availability$/);
  await expect(currentStep(page)).toContainText("Availability");
  await page.goForward();
  await expect(currentStep(page)).toContainText("Durations");

  // A reload asks through the browser (beforeunload) and comes back to the same step and draft.
  const unload = new Promise<string>((resolve) => page.once("dialog", (prompt) => void prompt.accept().then(() => resolve(prompt.type()))));
  await page.reload();
  expect(await unload).toBe("beforeunload");
  await expect(page).toHaveURL(/step=durations$/);
  await expect(currentStep(page)).toContainText("Durations");
  await page.getByRole("button", { name: /Basics/ }).click();
  await expect(page.getByLabel("Title")).toHaveValue("Встреча с клиентом!");
  await expect(page.getByLabel("Address")).toHaveValue("vstrecha");

  // The top menu asks first; keeping on editing stays.
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Links" }).click();
  await expect(dialog).toBeVisible();
  await shot(page, "wizard-leave-dialog");
  await dialog.getByRole("button", { name: "Keep editing" }).click();
  await expect(page).toHaveURL(/\/links\/new\?step=basics$/);
  await expect(page.getByLabel("Title")).toHaveValue("Встреча с клиентом!");

  // Leaving discards the draft.
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Links" }).click();
  await dialog.getByRole("button", { name: "Leave and discard" }).click();
  await expect(page).toHaveURL(/\/dashboard\/links$/);
  await page.getByRole("link", { name: "Create a booking link" }).click();
  await expect(page.getByLabel("Title")).toHaveValue("");
});

test("campaign dates in the past are warned about in the wizard, the review and on the card", async ({ page, request }) => {
  test.setTimeout(90_000);
  const owner = await apiOwner(request, "past-range");
  await openLink(request, owner, { title: "Spring campaign", rangeStartDate: "2020-03-01", rangeEndDate: "2020-03-31" });
  await signIn(page, owner);
  await page.goto("/dashboard/links");
  await expect(page.getByText("Dates over")).toBeVisible();
  await expect(page.getByText("This link's dates are over (the last was 2020-03-31)")).toBeVisible();
  await shot(page, "wizard-card-dates-over");

  await page.goto("/dashboard/links/new");
  await page.getByLabel("Title").fill("Autumn campaign");
  for (const step of ["hosts", "availability", "durations", "limits"]) {
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(new RegExp(`step=${step}$`));
  }
  await page.getByLabel("First date").fill("2020-09-01");
  await page.getByLabel("Last date").fill("2020-09-30");
  await expect(page.getByText("These dates are over: the last date, 2020-09-30, has passed")).toBeVisible();
  await shot(page, "wizard-past-range-warning");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/step=review$/);
  await expect(page.getByText("No open times in the next two weeks.")).toBeVisible();
  await expect(page.getByText("The link's dates are over: its last date, 2020-09-30, has passed.")).toBeVisible();
  await shot(page, "wizard-review-no-times-cause");
});

test("a one-time link offers picked times and is emailed by Convene", async ({ page, request }) => {
  test.setTimeout(90_000);
  const owner = await apiOwner(request, "one-time-send");
  const link = await openLink(request, owner);
  await signIn(page, owner);
  await page.goto(`/dashboard/links/${link.id}`);
  const form = page.getByRole("form", { name: "New one-time link" });
  await form.getByLabel("Recipient's name").fill("Ada Lovelace");
  await form.getByLabel("Recipient's email").fill("ada@example.com");
  await form.getByLabel("Only times I pick").check();
  const chips = form.locator("button.time-chip.pick");
  await expect(chips.first()).toBeVisible();
  const picked = [await chips.nth(0).textContent(), await chips.nth(1).textContent()];
  await chips.nth(0).click();
  await chips.nth(1).click();
  await expect(chips.nth(0)).toHaveAttribute("aria-pressed", "true");
  await expect(form.getByText("2 times picked")).toBeVisible();
  await form.getByLabel("Send it to them by email now").check();
  await shot(page, "wizard-one-time-picker");
  await form.getByRole("button", { name: "Create and send" }).click();
  await expect(page.getByText("Convene emailed it to ada@example.com")).toBeVisible();
  const list = page.getByRole("list", { name: "One-time links" });
  await expect(list.getByText(/^Emailed /)).toBeVisible();
  await shot(page, "wizard-one-time-sent");

  const auth = { authorization: `Bearer ${owner.apiKey}` };
  const [made] = (await (await request.get(`/api/v1/links/${link.id}/one-time`, { headers: auth })).json()).items;
  expect(made.slots).toHaveLength(2);
  expect(made.emailCount).toBe(1);
  const outbox = (await (await request.get("/api/v1/dev/outbox", { headers: auth })).json()).items as { to: { email: string }; subject: string; text: string }[];
  const mail = outbox.find((item) => item.to.email === "ada@example.com");
  expect(mail?.subject).toBe("Owner one-time-send invites you to book “Intro call”");
  expect(mail?.text).toContain(made.bookingUrl);
  expect(picked.every((time) => time && time.length > 0)).toBe(true);

  // Sending again from the row counts a second email.
  await list.getByRole("button", { name: /Send again/ }).click();
  await expect(list.getByText(/\(2 times\)/)).toBeVisible();
});
