// The team in a real browser: an owner invites someone from the Team page, the
// invitation mail (read from the dev outbox) opens the accept page in another
// browser, where the person sets their own password and lands signed in; the
// owner changes their role and back, withdraws another invitation (whose link
// then says so), and removes the member with their future booking reassigned.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiOwner, expectAccessible, openLink, ownerPost, PHONE, shot as fullPageShot, uniqueEmail, type ApiOwner, signIn } from "./support.js";

test.use({ timezoneId: "Europe/Berlin", locale: "en-GB" });

/** From the top: a full-page screenshot of a scrolled page draws the sticky header mid-page. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPageShot(page, name);
}

type Outbox = { items: { to: { email: string }; subject: string; text: string }[] };

/** The accept address in the newest invitation mail to `email`, read with the owner's session. */
async function acceptPathFor(page: Page, email: string): Promise<string> {
  let path = "";
  await expect(async () => {
    const outbox = (await (await page.request.get("/api/v1/dev/outbox?limit=50")).json()) as Outbox;
    const mail = outbox.items.find((item) => item.to.email === email && item.subject.includes("invited you"));
    const match = mail?.text.match(/https?:\/\/[^\s/]+(\/accept-invite\?token=[^\s)>\]]+)/);
    expect(match, `no invitation mail to ${email} yet`).toBeTruthy();
    path = match![1]!;
  }).toPass({ timeout: 15_000 });
  return path;
}

type Slots = { days: { date: string; slots: { start: string }[] }[] };

/** A free start at least two hours ahead, so it is still in the future when the member is removed. */
async function laterStart(request: APIRequestContext, apiUrl: string): Promise<string> {
  const slots = (await (await request.get(`${apiUrl}/slots`)).json()) as Slots;
  const soonestMs = Date.now() + 2 * 3_600_000;
  return slots.days.flatMap((day) => day.slots.map((slot) => slot.start)).find((start) => Date.parse(start) >= soonestMs)!;
}

/**
 * A round-robin booking the member hosts at a time the owner is free: both hosts
 * are booked at one time, then the owner's meeting is cancelled.
 */
async function memberBooking(request: APIRequestContext, owner: ApiOwner, memberId: string): Promise<void> {
  const link = await openLink(request, owner, { title: "Team intro", slug: "team-intro", hostMode: "round_robin", hostUserIds: [owner.userId, memberId] });
  const start = await laterStart(request, link.apiUrl);
  const ids: string[] = [];
  for (const email of ["ada@example.com", "grace@example.com"]) {
    const response = await request.post(`${link.apiUrl}/bookings`, { data: { start, timeZone: "Europe/London", name: email.split("@")[0], email, answers: {} } });
    expect(response.status(), await response.text()).toBe(201);
    ids.push((await response.json()).id);
  }
  const auth = { authorization: `Bearer ${owner.apiKey}` };
  for (const id of ids) {
    const booking = await (await request.get(`/api/v1/bookings/${id}`, { headers: auth })).json();
    if (!booking.hostUserIds.includes(memberId)) await ownerPost(request, owner, `/api/v1/bookings/${id}/cancel`, {});
  }
}

test("an owner invites a member, who joins with their own password; the owner changes their role and removes them", async ({ page, browser, request }) => {
  // Two browsers, two sign-ins and a dozen page changes: longer than a single-page test on this 2-core machine.
  test.setTimeout(180_000);
  const owner = await apiOwner(request, "team");
  const memberEmail = uniqueEmail("mia");
  await signIn(page, owner, "/dashboard/links");

  // The Team page: the owner alone, and an empty invitations list.
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();
  await expect(page.getByRole("list", { name: "Members" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByText("No open invitations.")).toBeVisible();

  // Inviting: the form checks first, then sends.
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Enter the address to send the invitation to.")).toBeVisible();
  await page.getByLabel("Email").fill(memberEmail);
  await page.getByLabel("Name", { exact: true }).fill("Mia Member");
  await page.getByLabel("Role", { exact: true }).selectOption("member");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${memberEmail}.`)).toBeVisible();
  const invitations = page.getByRole("list", { name: "Open invitations" });
  await expect(invitations.getByRole("listitem").filter({ hasText: memberEmail })).toContainText("Pending");
  // A second invitation, resent and then withdrawn.
  const otherEmail = uniqueEmail("otto");
  await page.getByLabel("Email").fill(otherEmail);
  await page.getByLabel("Name", { exact: true }).fill("Otto Other");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(invitations.getByRole("listitem")).toHaveCount(2);
  const firstOttoPath = await acceptPathFor(page, otherEmail);
  await page.getByRole("button", { name: `Resend the invitation to ${otherEmail}` }).click();
  await expect(page.getByText(`Sent again to ${otherEmail}`)).toBeVisible();
  await expectAccessible(page);
  await shot(page, "team-invitations");
  await page.getByRole("button", { name: `Revoke the invitation to ${otherEmail}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Withdraw invitation" }).click();
  await expect(page.getByText(`Withdrew the invitation to ${otherEmail}.`)).toBeVisible();
  await expect(invitations.getByRole("listitem")).toHaveCount(1);

  // The invited person opens the mail's link in their own browser.
  const acceptPath = await acceptPathFor(page, memberEmail);
  const guest = await browser.newContext({ timezoneId: "America/New_York", locale: "en-GB" });
  const guestPage = await guest.newPage();
  try {
    await guestPage.goto(acceptPath);
    await expect(guestPage.getByRole("heading", { name: `Join Org team on Convene` })).toBeVisible();
    await expect(guestPage.getByText(`Owner team invited you as a member`)).toBeVisible();
    await expect(guestPage.getByText(memberEmail)).toBeVisible();
    await expect(guestPage.getByLabel("Your name")).toHaveValue("Mia Member");
    await expect(guestPage.getByRole("combobox", { name: "Your time zone" })).toHaveValue("America/New_York");
    await guestPage.getByLabel("Choose a password").fill("short");
    await guestPage.getByRole("button", { name: "Join Org team" }).click();
    await expect(guestPage.getByText("Use at least 10 characters.")).toBeVisible();
    await guestPage.getByLabel("Choose a password").fill("mia's own long passphrase");
    await expectAccessible(guestPage);
    await shot(guestPage, "accept-invite");
    await guestPage.getByRole("button", { name: "Join Org team" }).click();
    await expect(guestPage).toHaveURL(/\/dashboard\/links$/);
    await expect(guestPage.locator(".topbar-user")).toHaveText("Mia Member");
    // A member sees the team read-only.
    await guestPage.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Team" }).click();
    const seenByMember = guestPage.getByRole("list", { name: "Members" });
    await expect(seenByMember.getByRole("listitem")).toHaveCount(2);
    await expect(seenByMember.getByRole("combobox")).toHaveCount(0);
    await expect(guestPage.getByRole("heading", { name: "Invite someone" })).toHaveCount(0);
    await shot(guestPage, "team-as-member");

    // Links that no longer work say why.
    await guestPage.goto(acceptPath);
    await expect(guestPage.getByRole("heading", { name: "This invitation was already accepted" })).toBeVisible();
    await shot(guestPage, "accept-invite-used");
    await guestPage.goto(firstOttoPath);
    await expect(guestPage.getByRole("heading", { name: "This invitation link does not work" })).toBeVisible();
    await guestPage.goto(await acceptPathFor(page, otherEmail));
    await expect(guestPage.getByRole("heading", { name: "This invitation was withdrawn" })).toBeVisible();
    await shot(guestPage, "accept-invite-withdrawn");
  } finally {
    await guest.close();
  }

  // The owner sees the new member, makes them an admin and a member again.
  await page.reload();
  const members = page.getByRole("list", { name: "Members" });
  await expect(members.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByText("No open invitations.")).toBeVisible();
  const miaRole = page.getByRole("combobox", { name: "Role of Mia Member" });
  await miaRole.selectOption("admin");
  await expect(page.getByText("Mia Member is now an admin.")).toBeVisible();
  await expect(miaRole).toHaveValue("admin");
  await miaRole.selectOption("member");
  await expect(page.getByText("Mia Member is now a member.")).toBeVisible();
  // The only owner cannot step down: the refusal is a sentence, and the select shows the role as it is.
  await page.getByRole("combobox", { name: "Role of Owner team" }).selectOption("member");
  await expect(page.getByText("An organisation needs at least one owner. Make someone else an owner first.")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Role of Owner team" })).toHaveValue("owner");
  await expectAccessible(page);
  await shot(page, "team-members");

  // A round-robin meeting Mia hosts, then Mia is removed with it reassigned.
  const memberId = (await (await page.request.get("/api/v1/members")).json()).items.find((member: { email: string }) => member.email === memberEmail).id as string;
  await memberBooking(request, owner, memberId);
  await page.getByRole("button", { name: "Remove Mia Member" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("radio", { name: "Reassign their future bookings to other hosts (round-robin)" })).toBeChecked();
  await expect(dialog.getByText(/goes to another host of its link who is free at that time/)).toBeVisible();
  await dialog.getByRole("radio", { name: "Cancel them, with notices to invitees" }).check();
  await expect(dialog.getByText(/is cancelled, and each invitee gets a cancellation notice/)).toBeVisible();
  await dialog.getByRole("radio", { name: /^Reassign/ }).check();
  await shot(page, "team-remove-dialog");
  await dialog.getByRole("button", { name: "Remove Mia Member" }).click();
  await expect(dialog.getByRole("heading", { name: "Mia Member was removed" })).toBeVisible();
  await expect(dialog.getByText("1 future booking was reassigned to another host; the invitees were told.")).toBeVisible();
  await shot(page, "team-removed");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(members.getByRole("listitem")).toHaveCount(1);

  // On a phone, the Team page fits the screen.
  const phone = await browser.newContext({ ...PHONE, timezoneId: "Europe/Berlin", locale: "en-GB", storageState: await page.context().storageState() });
  try {
    const phonePage = await phone.newPage();
    await phonePage.goto("/dashboard/team");
    await expect(phonePage.getByRole("heading", { name: "Invite someone" })).toBeVisible();
    const overflowing = await phonePage.evaluate(() => [...document.querySelectorAll("main *")].filter((element) => element.getBoundingClientRect().right > 376).map((element) => element.tagName));
    expect(overflowing).toEqual([]);
    await shot(phonePage, "team-phone");
  } finally {
    await phone.close();
  }
});
