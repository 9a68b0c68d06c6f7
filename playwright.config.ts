// Browser tests (web/e2e): Debian's Chromium (/usr/bin/chromium, never a
// downloaded browser) against a Convene server on a fresh embedded database.
// Run with `npm run test:e2e`; screenshots of every page land in test-results/.
import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BROWSER_FAKES, browserFakesEnv } from "./test/fakes/browser-fakes.js";

const port = Number(process.env.E2E_PORT ?? 4317);
const baseURL = `http://127.0.0.1:${port}`;
// Workers load this file again: they share the data directory the main process made.
process.env.CONVENE_E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "convene-e2e-"));

export default defineConfig({
  testDir: "web/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  forbidOnly: Boolean(process.env.CI),
  globalTeardown: "./web/e2e/teardown.ts",
  use: {
    baseURL,
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: [
    {
      // Google and Microsoft for the OAuth test: the fakes on fixed loopback ports, Convene registered at its callbacks.
      command: `node --import tsx test/fakes/serve-fakes.ts ${baseURL}`,
      port: BROWSER_FAKES.microsoftPort,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // `npm run test:e2e` builds the web app first; CONVENE_WEB_DIR may point at another build.
      command: "node --import tsx src/cli/convene.ts serve",
      url: `${baseURL}/readyz`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        PORT: String(port),
        HOST: "127.0.0.1",
        PUBLIC_URL: baseURL,
        CONVENE_DATA_DIR: process.env.CONVENE_E2E_DATA_DIR,
        LOG_LEVEL: "warn",
        ...(process.env.CONVENE_WEB_DIR ? { CONVENE_WEB_DIR: process.env.CONVENE_WEB_DIR } : {}),
        RATE_LIMIT_PUBLIC_READS_PER_MINUTE: "100000",
        RATE_LIMIT_PUBLIC_BOOKINGS_PER_MINUTE: "10000",
        RATE_LIMIT_SIGN_IN_PER_MINUTE: "10000",
        // The calendar tests serve their feeds and CalDAV server on 127.0.0.1, and watch the background sync at work.
        CALENDAR_ALLOW_PRIVATE_URLS: "true",
        CALENDAR_SYNC_INTERVAL_SECONDS: "5",
        // The webhooks spec's receiver listens on 127.0.0.1.
        WEBHOOKS_ALLOW_PRIVATE_URLS: "true",
        ...browserFakesEnv(),
      },
    },
  ],
});
