// Leads in a real browser: import a CSV with a bad row (refused, with the
// report by line), then a good one; open a lead; make its booking link and
// copy the sentence. On a desktop and a phone, with an axe check.
import { expect, test, type Page } from "@playwright/test";
import { apiOwner, expectAccessible, openLink, PHONE, shot as fullPageShot, type ApiOwner, signIn } from "./support.js";

test.use({ timezoneId: "Europe/Berlin", locale: "en-GB", permissions: ["clipboard-read", "clipboard-write"] });

/** From the top: a full-page screenshot of a scrolled page draws the sticky header mid-page. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPageShot(page, name);
}

const BAD_CSV = "email,name,company,campaign\nada@leads.example,Ada Lovelace,Engines,Spring\nnot-an-email,Broken,Row,Spring\n";
const GOOD_CSV = "email,name,company,campaign,region\nada@leads.example,Ada Lovelace,Engines,Spring,EMEA\ngrace@leads.example,Grace Hopper,Navy,Spring,US\n";

async function importCsv(page: Page, text: string) {
  await page.getByLabel("CSV file").setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.getByRole("button", { name: "Import CSV" }).click();
}

async function journey(page: Page, owner: ApiOwner, label: string) {
  await signIn(page, owner, "/dashboard/leads");
  await expect(page.getByRole("heading", { name: "Leads", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Leads" })).toHaveAttribute("aria-current", "page");

  await importCsv(page, BAD_CSV);
  const report = page.getByRole("status", { name: "Import report" });
  await expect(report).toContainText("Nothing was imported: 1 problem in the file.");
  await expect(report.getByRole("row", { name: /3 Error email is not an email address/ })).toBeVisible();
  await expect(page.getByText("No leads here yet.")).toBeVisible();
  await shot(page, `leads-import-refused-${label}`);

  await importCsv(page, GOOD_CSV);
  await expect(report).toContainText("Imported: 2 created, 0 updated, 0 skipped.");
  const table = page.getByRole("table", { name: /Leads, newest first/ });
  await expect(table.getByRole("link", { name: "Grace Hopper" })).toBeVisible();
  await expect(table.getByRole("row", { name: /Ada Lovelace/ })).toContainText("New");
  await expectAccessible(page);
  await shot(page, `leads-list-${label}`);

  await page.getByLabel("Search").fill("navy");
  await expect(table.getByRole("link", { name: "Ada Lovelace" })).toHaveCount(0);
  await table.getByRole("link", { name: "Grace Hopper" }).click();
  await expect(page.getByRole("heading", { name: "Grace Hopper", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Fields" })).toContainText("US");

  await page.getByLabel("Topic (optional)").fill("the pilot");
  await page.getByRole("button", { name: "Make booking link" }).click();
  const sentence = page.getByRole("status", { name: "Sentence" });
  await expect(sentence).toContainText(/Based on your interest, let's schedule a 30-minute call: http.*\/t\//);
  await sentence.getByRole("button", { name: "Copy" }).click();
  await expect(sentence.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^Based on your interest, let's schedule a 30-minute call: http/);
  await expectAccessible(page);
  await shot(page, `lead-detail-${label}`);
}

test("imports leads, opens one and copies its booking sentence", async ({ page, request }) => {
  const owner = await apiOwner(request, "leads");
  await openLink(request, owner, { title: "Intro call", slug: "intro-call", durationsMin: [30] });
  await journey(page, owner, "desktop");
});

test.describe("on a phone", () => {
  test.use({ ...PHONE });
  test("imports leads, opens one and copies its booking sentence", async ({ page, request }) => {
    const owner = await apiOwner(request, "leads-phone");
    await openLink(request, owner, { title: "Intro call", slug: "intro-call", durationsMin: [30] });
    await journey(page, owner, "phone");
  });
});
