// `npm run fuzz`: bad input for every operation in the server's own OpenAPI
// document, against a fresh `convene serve` on PGlite and (given a URL) on
// PostgreSQL. Exits 1 on any 5xx, any error that is not problem+json with a
// code, any internal detail in a body, any answer slower than --slow-ms, or a
// crash. Not part of `npm test`; CI runs a short seeded run.
//
//   npm run fuzz -- [--seed N] [--runs N] [--concurrency 6] [--engine pglite|postgres|both]
//                   [--database-url postgres://…] [--slow-ms 5000] [--out FILE.jsonl]
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { plansFor } from "./plans.js";
import { printReport } from "./report.js";
import { runPlans } from "./runner.js";
import { startServer, type Engine } from "./server.js";
import { readOperations } from "./spec.js";

const USAGE = `Usage: npm run fuzz -- [--seed N] [--runs N] [--concurrency N] [--engine pglite|postgres|both] [--database-url URL] [--slow-ms MS] [--out FILE]
  --runs           requests per engine (default 10000): half one at a time, half --concurrency at a time
  --engine         default: pglite, and postgres too when --database-url or CONVENE_TEST_DATABASE_URL is set
  --root           the Convene checkout to serve (default: this one), e.g. an older commit to compare
  --out            also write every request's outcome as JSON lines (one file per engine: FILE.<engine>.jsonl)`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      seed: { type: "string" },
      runs: { type: "string", default: "10000" },
      concurrency: { type: "string", default: "6" },
      engine: { type: "string" },
      "database-url": { type: "string" },
      "slow-ms": { type: "string", default: "5000" },
      out: { type: "string" },
      root: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const databaseUrl = values["database-url"] ?? process.env["CONVENE_TEST_DATABASE_URL"];
  const engineOption = values.engine ?? (databaseUrl ? "both" : "pglite");
  const engines: Engine[] = engineOption === "both" ? ["pglite", "postgres"] : [engineOption as Engine];
  if (!engines.every((engine) => engine === "pglite" || engine === "postgres")) throw new Error(`--engine must be pglite, postgres or both\n${USAGE}`);
  if (engines.includes("postgres") && !databaseUrl) throw new Error("--engine postgres needs --database-url or CONVENE_TEST_DATABASE_URL");
  const number = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, got ${text}`);
    return value;
  };
  return {
    seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : number("seed", values.seed),
    runs: number("runs", values.runs),
    concurrency: Math.max(1, number("concurrency", values.concurrency)),
    slowMs: number("slow-ms", values["slow-ms"]),
    engines,
    databaseUrl,
    out: values.out,
    root: values.root,
  };
}

let running: { stop(): Promise<void> } | null = null;

// Ctrl-C or a CI timeout still stops the server and removes its data.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void (running?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

async function main(): Promise<number> {
  const options = parseOptions();
  console.log(`fuzz: seed ${options.seed} (repeat with --seed ${options.seed}), ${options.runs} requests per engine on ${options.engines.join(" and ")}, concurrency 1 then ${options.concurrency}`);
  let failed = false;
  for (const engine of options.engines) {
    const server = await startServer(engine, { databaseUrl: options.databaseUrl, root: options.root });
    running = server;
    try {
      const operations = await readOperations(server.baseUrl);
      const plans = plansFor(operations, options.seed, options.runs);
      console.log(`fuzz ${engine}: ${operations.length} operations from /docs/json, server at ${server.baseUrl}`);
      const startedMs = Date.now();
      let lastPrintMs = startedMs;
      const { outcomes, crashed } = await runPlans(server, operations, plans, {
        concurrency: options.concurrency,
        slowMs: options.slowMs,
        timeoutMs: Math.max(30_000, options.slowMs * 3),
        onProgress: (done) => {
          if (Date.now() - lastPrintMs < 10_000) return;
          lastPrintMs = Date.now();
          console.log(`  … ${done}/${plans.length}`);
        },
        // As they happen, so a long run shows its first failures early (the summary repeats them).
        onFailure: (outcome) => console.log(`  FAIL #${outcome.index} ${outcome.method} ${outcome.path.slice(0, 120)} | ${outcome.input.slice(0, 100)} → ${outcome.status ?? "no answer"} | ${outcome.reasons.join("; ")}`),
      });
      printReport(engine, outcomes, { seed: options.seed, elapsedMs: Date.now() - startedMs, baseUrl: "http://127.0.0.1:3000", crashed }, (line) => console.log(line));
      if (options.out) writeFileSync(`${options.out}.${engine}.jsonl`, outcomes.map((outcome) => JSON.stringify(outcome)).join("\n") + "\n");
      if (crashed || outcomes.some((outcome) => outcome.reasons.length > 0)) failed = true;
    } finally {
      running = null;
      await server.stop();
    }
  }
  console.log(failed ? `fuzz: FAILED (seed ${options.seed})` : `fuzz: no failures (seed ${options.seed})`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`fuzz: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);
