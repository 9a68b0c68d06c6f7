// Account recovery and security in the browser: "Forgot password?" → the
// mail (read from the dev outbox) → a new password → sign in with it; a used
// link gets its own screen; then Settings → Security: change the password and
// sign out another session.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiOwner, expectAccessible, PHONE, shot, type ApiOwner } from "./support.js";

/** The token of the newest mail to the owner with this subject, once it is in the dev outbox. */
async function mailedToken(request: APIRequestContext, owner: ApiOwner, subject: string, page: string): Promise<string> {
  let token = "";
  await expect
    .poll(async () => {
      const outbox = await request.get("/api/v1/dev/outbox?limit=100", { headers: { authorization: `Bearer ${owner.apiKey}` } });
      const mail = ((await outbox.json()).items as { to: { email: string }; subject: string; text: string }[]).find(
        (item) => item.to.email === owner.email && item.subject === subject,
      );
      token = (mail && new RegExp(`${page}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text)?.[1]) ?? "";
      return token;
    })
    .not.toBe("");
  return token;
}

test("a locked-out owner resets the password by mail, signs in with it, and manages security in Settings", async ({ page, request, browser }) => {
  test.setTimeout(120_000);
  const owner = await apiOwner(request, "recovery");
  const newPassword = "a brand new passphrase";

  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(owner.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your mail" })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "accounts-check-mail");

  const token = await mailedToken(request, owner, "Reset your Convene password", "/reset-password");
  await page.goto(`/reset-password?token=${token}`);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await expectAccessible(page);
  await shot(page, "accounts-reset-form");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByRole("heading", { name: "Your password is changed" })).toBeVisible();

  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard\/links$/);

  // The same link again: its own screen, with the way forward.
  // A context of its own (axe checks need one), as another browser would be.
  const reusedContext = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const reused = await reusedContext.newPage();
  await reused.goto(`/reset-password?token=${token}`);
  await reused.getByLabel("New password", { exact: true }).fill("one more passphrase");
  await reused.getByRole("button", { name: "Save new password" }).click();
  await expect(reused.getByRole("heading", { name: "This reset link was already used" })).toBeVisible();
  await expectAccessible(reused);
  await shot(reused, "accounts-reset-used");
  await reusedContext.close();

  // Another browser signed in: listed in Settings, then signed out from here.
  const other = await request.post("/api/v1/auth/login", { data: { email: owner.email, password: newPassword }, headers: { "user-agent": "Mozilla/5.0 (Windows NT 10.0) Firefox/130.0" } });
  expect(other.status()).toBe(200);

  await page.goto("/dashboard/settings");
  const security = page.getByRole("region", { name: "Security" });
  const sessions = page.getByRole("list", { name: "Your sessions" });
  await expect(sessions.getByText("This device")).toBeVisible();
  await expect(sessions.getByText("Firefox on Windows")).toBeVisible();

  await security.getByLabel("Current password").first().fill("not the password");
  await security.getByLabel("New password", { exact: true }).fill("the third passphrase");
  await security.getByRole("button", { name: "Change password" }).click();
  await expect(security.getByText("Your current password is not right.")).toBeVisible();
  await security.getByLabel("Current password").first().fill(newPassword);
  await security.getByRole("button", { name: "Change password" }).click();
  await expect(security.getByText(/Password changed\. 1 other session was signed out\./)).toBeVisible();
  await expect(sessions.getByText("Firefox on Windows")).toHaveCount(0);
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await expectAccessible(page);
  await shot(page, "accounts-settings-security");

  // A phone: the card reads in one column.
  const phone = await browser.newContext({ ...PHONE, baseURL: new URL(page.url()).origin });
  const phonePage = await phone.newPage();
  const login = await phonePage.request.post("/api/v1/auth/login", { data: { email: owner.email, password: "the third passphrase" } });
  expect(login.status()).toBe(200);
  await phonePage.goto("/dashboard/settings");
  await expect(phonePage.getByRole("list", { name: "Your sessions" }).getByRole("listitem")).toHaveCount(2);
  await phonePage.getByRole("button", { name: "Sign out other sessions" }).click();
  await expect(phonePage.getByText("Signed out 1 other session.")).toBeVisible();
  await shot(phonePage, "accounts-settings-phone");
  await phone.close();
});
