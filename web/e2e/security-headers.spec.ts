// The Content-Security-Policy the server sends with every page (issue 10, item 21)
// must not break the app: every kind of page renders in a real browser without a
// single CSP violation, and /docs (swagger-ui, under its own policy) works too.
import { expect, test, type Page } from "@playwright/test";
import { apiOwner, openLink, PASSWORD } from "./support.js";

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("pages render under their CSP with no violation", async ({ page, request }) => {
  const owner = await apiOwner(request, "csp");
  const link = await openLink(request, owner);
  const violations = await watchViolations(page);

  const signin = await page.goto("/signin");
  expect(signin?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(signin?.headers()["x-content-type-options"]).toBe("nosniff");
  await expect(page.locator("#root")).not.toBeEmpty();
  await expect(page.locator("form button[type=submit]").first()).toBeVisible();

  const booking = await page.goto(new URL(link.bookingUrl).pathname);
  expect(booking?.headers()["content-security-policy"]).toContain("script-src 'self'");
  await expect(page.getByRole("heading", { level: 1, name: "Intro call" })).toBeVisible();

  await page.goto("/signin?next=%2Fdashboard%2Flinks");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard\/links$/);
  await expect(page.getByText("Intro call").first()).toBeVisible();
  for (const section of ["bookings", "analytics", "settings", "outbox", `links/${link.id}`]) {
    const response = await page.goto(`/dashboard/${section}`);
    expect(response?.headers()["x-frame-options"]).toBe("DENY");
    await expect(page.locator("main").first()).not.toBeEmpty();
  }

  await page.goto("/docs");
  await expect(page.locator(".swagger-ui").first()).toBeVisible();
  await expect(page.getByText("Convene API").first()).toBeVisible();

  expect(violations).toEqual([]);
});
