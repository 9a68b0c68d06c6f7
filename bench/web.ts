// Web benchmark (`npm run bench -- web`): what an invitee's phone downloads for
// a booking page, and how long until the first free slots are on screen.
// Sizes come from the Vite build manifest (the entry, which holds the booking
// page, and everything it imports statically, gzipped); the timing drives Debian's Chromium on a
// cold cache, over loopback and over an emulated 4G link.
//   --runs N (10)
import { chromium, type Browser } from "@playwright/test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { call, startServer } from "./server.js";

const root = path.resolve(import.meta.dirname, "..");
const webDist = path.join(root, "web", "dist");
const BUDGET_GZIP_BYTES = 150 * 1024;
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
// Chrome DevTools' "Fast 4G" preset: 150 ms RTT (plus latency), 9 Mbps down, 0.75 Mbps up.
const FOUR_G = { offline: false, latency: 150, downloadThroughput: (9 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

type ManifestChunk = { file: string; imports?: string[]; css?: string[]; isEntry?: boolean };

/** The gzipped bytes of the JS and CSS a booking page loads: the entry and its static imports. */
export function bookingPageBytes(): { jsGzip: number; cssGzip: number; files: string[] } {
  const manifest = JSON.parse(readFileSync(path.join(webDist, ".vite", "manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit("index.html");
  const chunks = [...seen].map((key) => manifest[key]!);
  const gzipOf = (file: string) => gzipSync(readFileSync(path.join(webDist, file)), { level: 9 }).length;
  const css = [...new Set(chunks.flatMap((chunk) => chunk.css ?? []))];
  return {
    jsGzip: chunks.reduce((sum, chunk) => sum + gzipOf(chunk.file), 0),
    cssGzip: css.reduce((sum, file) => sum + gzipOf(file), 0),
    files: [...chunks.map((chunk) => chunk.file), ...css],
  };
}

async function timeToSlots(browser: Browser, url: string, network: typeof FOUR_G | null): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, timezoneId: "Asia/Tokyo" });
  try {
    const page = await context.newPage();
    if (network) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", network);
    }
    const startedAt = performance.now();
    await page.goto(url, { waitUntil: "commit" });
    await page.locator("[data-slot]").first().waitFor({ state: "visible", timeout: 60_000 });
    return performance.now() - startedAt;
  } finally {
    await context.close();
  }
}

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms (${samples.length} cold loads)`;
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values: args } = parseArgs({ args: [...argv], options: { runs: { type: "string", default: "10" } } });
  const runs = Number(args.runs);
  const dataDir = mkdtempSync(path.join(tmpdir(), "convene-bench-web-"));
  const { child, baseUrl } = await startServer({ CONVENE_DATA_DIR: dataDir });
  const browser = await chromium.launch({ executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const bytes = bookingPageBytes();
    console.log(`booking page: JS ${(bytes.jsGzip / 1024).toFixed(1)} kB gzipped (budget ${BUDGET_GZIP_BYTES / 1024} kB), CSS ${(bytes.cssGzip / 1024).toFixed(1)} kB`);
    console.log(`  ${bytes.files.join(", ")}`);

    const signup = await fetch(`${baseUrl}/api/v1/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "bench@example.com", password: "benchmark password", name: "Bench Owner", organization: "Bench", timeZone: "Europe/Berlin" }),
    });
    const cookie = signup.headers.get("set-cookie")!.split(";")[0]!;
    const { csrfToken } = (await signup.json()) as { csrfToken: string };
    const link = await call(
      baseUrl,
      "POST",
      "/api/v1/links",
      { title: "Intro call", durationsMin: [30], slotIntervalMin: 30, timeZone: "Europe/Berlin", maxDaysAhead: 60, weeklyHours: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }] },
      { cookie, "x-csrf-token": csrfToken },
    );
    for (const [label, network] of [["loopback", null], ["emulated 4G", FOUR_G]] as const) {
      await timeToSlots(browser, link.bookingUrl, network); // warm the server, not the browser (each run is a new context)
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) samples.push(await timeToSlots(browser, link.bookingUrl, network));
      console.log(`time to slots visible, ${label}: ${summary(samples)}`);
    }
    return bytes.jsGzip <= BUDGET_GZIP_BYTES ? 0 : 1;
  } finally {
    await browser.close();
    child.kill("SIGTERM");
    await new Promise((resolve) => child.on("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
