import { expect, test } from "@playwright/test";

test("the server serves the web app for page addresses and problems for the API", async ({ page, request }) => {
  await page.goto("/signin");
  await expect(page.locator("#root")).not.toBeEmpty();
  const api = await request.get("/api/v1/nope", { headers: { accept: "text/html" } });
  expect(api.status()).toBe(404);
  expect(api.headers()["content-type"]).toContain("application/problem+json");
});
