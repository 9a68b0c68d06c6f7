// Availability benchmark (`tsx bench/availability.ts [--case FILE]… [--out FILE] [--strict]`):
// checks the engine's answer for each case against expected/, then times the
// engine from case object to sorted ISO strings (conversions included) and
// compares with Cal.com's medians from the cases' README. A wrong answer is a
// failure (exit 1); missed speed targets are reported, and fail only with --strict.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { answerCase, readJsonFile, type AvailabilityCase } from "./availability-case.js";
import { seededRandom } from "./seeded-random.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SHARED_CASES_DIR = path.resolve(REPO_ROOT, "../shared/bench/availability");

/** Cal.com medians (ms) as published in the README, used when the README cannot be read. */
const CALCOM_MEDIANS_MS: Record<string, number> = {
  "single-N0": 105,
  "single-N100": 117,
  "single-N1000": 104,
  "single-N10000": 275,
  "single-W400": 73,
  "team20x200-round_robin": 632,
  "team20x200-collective": 574,
  "team50x100-W-round_robin": 1384,
  "team5x300-W-round_robin": 246,
  "team5x60-W-collective": 159,
};

const MIN_TIMED_CALLS = 30;
const MIN_TIMED_MS = 400;
const MAX_TIMED_CALLS = 3000;
const TARGET_SPEEDUP = 100;
const TARGET_SINGLE_MS = 1;
const TARGET_TEAM_MS = 5;
const TARGET_GROWTH_10X = 12;

type Options = { caseFiles: string[]; outFile: string | undefined; isStrict: boolean };

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { caseFiles: [], outFile: undefined, isStrict: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--case" && argv[i + 1] !== undefined) options.caseFiles.push(path.resolve(argv[++i]!));
    else if (arg === "--out" && argv[i + 1] !== undefined) options.outFile = path.resolve(argv[++i]!);
    else if (arg === "--strict") options.isStrict = true;
    else if (arg !== "--") throw new Error(`Unknown argument ${String(arg)}; use --case FILE (repeatable), --out FILE, --strict`);
  }
  if (options.caseFiles.length === 0) {
    const casesDir = path.join(SHARED_CASES_DIR, "cases");
    if (!existsSync(casesDir)) throw new Error(`No --case given and ${casesDir} does not exist`);
    options.caseFiles = readdirSync(casesDir)
      .filter((name) => name.endsWith(".json"))
      .sort()
      .map((name) => path.join(casesDir, name));
  }
  return options;
}

function readCalcomMediansMs(): Record<string, number> {
  const medians = { ...CALCOM_MEDIANS_MS };
  const readme = path.join(SHARED_CASES_DIR, "README.md");
  if (!existsSync(readme)) return medians;
  for (const match of readFileSync(readme, "utf8").matchAll(/^\|\s*([\w-]+)\s*\|\s*([\d,.]+)\s*ms\s*\|/gm)) {
    medians[match[1]!] = Number(match[2]!.replaceAll(",", ""));
  }
  return medians;
}

/** expected/<name> next to the case's cases/ folder, when there is one. */
function expectedFileFor(caseFile: string): string | undefined {
  const candidate = path.join(path.dirname(caseFile), "..", "expected", path.basename(caseFile));
  return existsSync(candidate) ? candidate : undefined;
}

function percentile(sortedMs: readonly number[], fraction: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil(fraction * sortedMs.length) - 1)]!;
}

type Timing = { medianMs: number; p95Ms: number; calls: number };

function time(run: () => unknown): Timing {
  const warmUpUntil = performance.now() + 100;
  for (let i = 0; i < 10 || performance.now() < warmUpUntil; i++) run();
  const samplesMs: number[] = [];
  const startedAt = performance.now();
  while (samplesMs.length < MIN_TIMED_CALLS || (performance.now() - startedAt < MIN_TIMED_MS && samplesMs.length < MAX_TIMED_CALLS)) {
    const t0 = performance.now();
    run();
    samplesMs.push(performance.now() - t0);
  }
  samplesMs.sort((a, b) => a - b);
  return { medianMs: percentile(samplesMs, 0.5), p95Ms: percentile(samplesMs, 0.95), calls: samplesMs.length };
}

function firstDifference(actual: readonly string[], expected: readonly string[]): string {
  const expectedSet = new Set(expected);
  const actualSet = new Set(actual);
  const extra = actual.filter((slot) => !expectedSet.has(slot));
  const missing = expected.filter((slot) => !actualSet.has(slot));
  return `got ${actual.length} slots, expected ${expected.length}; extra ${JSON.stringify(extra.slice(0, 5))}, missing ${JSON.stringify(missing.slice(0, 5))}${
    extra.length === 0 && missing.length === 0 ? " (same set, different order or duplicates)" : ""
  }`;
}

function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(3) : ms.toFixed(1);
}

/** A single-host case like single-N*, with busyCount random busy intervals of 15–120 minutes in the window. */
export function syntheticBusyCase(busyCount: number, seed = 42): AvailabilityCase {
  const random = seededRandom(seed);
  const windowStartMs = Date.parse("2026-03-01T00:00:00.000Z");
  const windowEndMs = Date.parse("2026-04-30T23:59:00.000Z");
  const quarterHourMs = 15 * 60_000;
  const busy = Array.from({ length: busyCount }, () => {
    const startMs = windowStartMs + Math.floor((random() * (windowEndMs - windowStartMs)) / quarterHourMs) * quarterHourMs;
    const endMs = startMs + (1 + Math.floor(random() * 8)) * quarterHourMs;
    return { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() };
  });
  return {
    name: `synthetic-N${busyCount}`,
    mode: "single",
    now: "2026-02-15T00:00:00.000Z",
    window: { start: new Date(windowStartMs).toISOString(), end: new Date(windowEndMs).toISOString() },
    viewerTimeZone: "Europe/London",
    eventLengthMinutes: 30,
    slotIntervalMinutes: 30,
    minimumNoticeMinutes: 0,
    beforeBufferMinutes: 0,
    afterBufferMinutes: 0,
    hosts: [{ id: 1, timeZone: "America/New_York", weeklyHours: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }], busy }],
  };
}

type CaseResult = { name: string; medianMs: number; p95Ms: number; slots: string[] };

export async function main(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv);
  const calcomMediansMs = readCalcomMediansMs();
  const results: CaseResult[] = [];
  let failures = 0;
  let targetMisses = 0;
  console.log(`Availability benchmark — Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log("case                          first call   median       p95  slots   Cal.com  speed-up  targets");
  for (const caseFile of options.caseFiles) {
    const availabilityCase = readJsonFile<AvailabilityCase>(caseFile);
    const name = availabilityCase.name ?? path.basename(caseFile, ".json");
    const firstCallStartedAt = performance.now();
    const slots = answerCase(availabilityCase);
    const firstCallMs = performance.now() - firstCallStartedAt;
    const expectedFile = expectedFileFor(caseFile);
    let verdict = "";
    if (expectedFile !== undefined) {
      const expected = readJsonFile<string[]>(expectedFile);
      if (JSON.stringify(slots) !== JSON.stringify(expected)) {
        failures++;
        console.log(`FAIL ${name}: ${firstDifference(slots, expected)}`);
        continue;
      }
    } else {
      verdict = "(no expected answer) ";
    }
    const timing = time(() => answerCase(availabilityCase));
    results.push({ name, medianMs: timing.medianMs, p95Ms: timing.p95Ms, slots });
    const calcomMs = calcomMediansMs[name];
    const speedup = calcomMs === undefined ? undefined : calcomMs / timing.medianMs;
    const misses: string[] = [];
    if (speedup !== undefined && speedup < TARGET_SPEEDUP) misses.push(`<${TARGET_SPEEDUP}×`);
    const limitMs = availabilityCase.mode === "single" ? TARGET_SINGLE_MS : availabilityCase.hosts.length >= 20 ? TARGET_TEAM_MS : undefined;
    if (limitMs !== undefined && timing.medianMs > limitMs) misses.push(`>${limitMs} ms`);
    targetMisses += misses.length;
    verdict += misses.length === 0 ? "ok" : `MISSED ${misses.join(", ")}`;
    console.log(
      `${name.padEnd(29)} ${formatMs(firstCallMs).padStart(8)} ms ${formatMs(timing.medianMs).padStart(6)} ms ${formatMs(timing.p95Ms).padStart(6)} ms ${String(slots.length).padStart(6)} ${
        calcomMs === undefined ? "        –" : `${String(calcomMs).padStart(6)} ms`
      } ${speedup === undefined ? "        –" : `${speedup.toFixed(0).padStart(8)}×`}  ${verdict}`,
    );
  }

  // Growth: 10× the busy intervals should cost at most ~10× the time (the engine is linear in busy intervals).
  const smallCase = syntheticBusyCase(1000);
  const largeCase = syntheticBusyCase(10_000);
  const small = time(() => answerCase(smallCase));
  const large = time(() => answerCase(largeCase));
  const small2 = time(() => answerCase(smallCase));
  const smallMedianMs = Math.min(small.medianMs, small2.medianMs);
  const growth = large.medianMs / smallMedianMs;
  const isGrowthOk = growth <= TARGET_GROWTH_10X;
  if (!isGrowthOk) targetMisses++;
  console.log(
    `growth: synthetic N=1000 ${formatMs(smallMedianMs)} ms, N=10000 ${formatMs(large.medianMs)} ms → ${growth.toFixed(1)}× for 10× busy ${
      isGrowthOk ? "ok" : `MISSED (>${TARGET_GROWTH_10X}×)`
    }`,
  );

  if (options.outFile !== undefined) {
    writeFileSync(options.outFile, `${JSON.stringify({ cases: results }, null, 2)}\n`);
    console.log(`wrote ${options.outFile}`);
  }
  if (failures > 0) console.log(`${failures} case(s) gave a wrong answer`);
  if (targetMisses > 0) console.log(`${targetMisses} speed target(s) missed${options.isStrict ? "" : " (reported only; --strict makes this fail)"}`);
  return failures > 0 || (options.isStrict && targetMisses > 0) ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
