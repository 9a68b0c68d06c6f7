// A team link, in a real browser: the owner makes a round-robin link for two
// members in the wizard (one with twice the weight), two invitees book the same
// time, and the link page shows which host each booking went to and why.
import { expect, test } from "@playwright/test";
import { openPage, times } from "./booking-steps.js";
import { apiOwner, expectAccessible, ownerPost, PASSWORD, shot, uniqueEmail } from "./support.js";

test.use({ timezoneId: "UTC", locale: "en-GB" });

test("an owner makes a round-robin link in the wizard; two bookings go to two hosts, and the link page says why", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const owner = await apiOwner(request, "team", "UTC");
  for (const name of ["Mina Round", "Noah Robin"]) {
    await ownerPost(request, owner, "/api/v1/members", { email: uniqueEmail(name.split(" ")[0]!.toLowerCase()), name, timeZone: "UTC", password: PASSWORD });
  }

  await page.goto(`/signin?next=${encodeURIComponent("/dashboard/links/new")}`);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Title").fill("Team intro");
  await page.getByRole("button", { name: "Next" }).click();

  // Hosts: round robin between the two members, Mina with twice the weight.
  await expect(page.getByText("Each meeting goes to one free host")).toBeVisible();
  await page.getByRole("radio", { name: /Round robin/ }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Choose at least two hosts for a team link.")).toBeVisible();
  await page.getByRole("checkbox", { name: "Mina Round" }).check();
  await page.getByRole("checkbox", { name: "Noah Robin" }).check();
  await page.getByRole("checkbox", { name: /Owner team/ }).uncheck();
  await page.getByLabel("Weight of Mina Round").fill("2");
  await expect(page.getByLabel("Priority of Noah Robin")).toHaveValue("0");
  await expectAccessible(page);
  await shot(page, "team-wizard-hosts");
  for (let step = 0; step < 5; step++) await page.getByRole("button", { name: "Next" }).click();
  const preview = page.getByRole("region", { name: "Times invitees would see" });
  await expect(preview.getByRole("status")).toContainText(/open times? of 30 min/);
  await expect(page.getByRole("region", { name: "Hosts" })).toContainText("Round robin");
  await shot(page, "team-wizard-review");
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(page.getByText("Your link is ready.")).toBeVisible();
  const bookingUrl = (await page.locator(".link-url a").first().getAttribute("href"))!;

  // Two invitees pick the same first free time: each goes to a different host.
  for (const [name, email] of [
    ["Ada Lovelace", "ada@example.com"],
    ["Grace Hopper", "grace@example.com"],
  ]) {
    const invitee = await openPage(browser, bookingUrl, { timezoneId: "UTC", locale: "en-GB" });
    await times(invitee).first().click();
    await invitee.getByLabel("Your name").fill(name!);
    await invitee.getByLabel("Email", { exact: true }).fill(email!);
    await invitee.getByRole("button", { name: "Confirm booking" }).click();
    await expect(invitee.getByRole("heading", { name: "You're booked" })).toBeVisible();
    await invitee.context().close();
  }

  // The link page: who hosts each booking and why, in names.
  await page.reload();
  const assigned = page.getByRole("region", { name: "Bookings and who hosts them" });
  await expect(assigned.locator(".assignment")).toHaveCount(2);
  await expect(assigned).toContainText("Mina Round");
  await expect(assigned).toContainText("Noah Robin");
  await expect(assigned.locator(".assignment-why").filter({ hasText: "is the only free host" })).toHaveCount(1);
  await expect(assigned.locator(".assignment-why").first()).toContainText("Why:");
  await expect(assigned).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  await expect(page.getByText("Round robin, 2 hosts")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "team-link-assignments");
});
