// The `convene` command: serve, migrate, user create, user reset-password.
import { parseArgs } from "node:util";
import { DataDirLockedError } from "../adapters/data-dir.js";
import { ConfigError, readConfig, readMcpBridgeSettings } from "../config.js";
import { isConveneError } from "../core/errors.js";
import { createLogger, openRuntime, serve, startJobs } from "../main.js";
import { resetPasswordByOperator } from "../use-cases/auth/operator-password-reset.js";
import { createAccount } from "../use-cases/auth/create-account.js";
import { OUTBOX_USAGE, OutboxUnavailable, runOutbox } from "./outbox-command.js";
import { runMcpBridge } from "./mcp-bridge.js";

const USAGE = `Usage: convene <command>

Commands:
  serve                 Migrate the database and serve Convene (default)
  migrate               Apply database migrations and exit
  worker                Run only the notification relay and workers (no HTTP)
${OUTBOX_USAGE}
  user create           Create an organisation and its owner
      --email EMAIL --name NAME --organization ORG --time-zone ZONE
      (--password PASSWORD | --password-stdin)
  user reset-password --email EMAIL
                        Print a one-time link (valid an hour) that sets a new
                        password; with --password-stdin, set it from stdin
                        instead. Either way, every session of the user ends
                        once the password changes.
  mcp                   MCP over stdio for desktop AI clients, talking to a
                        running Convene: needs CONVENE_URL and CONVENE_API_KEY
  help                  Show this text

Settings come from the environment and ./.env (see README.md).`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function runServe(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config);
  const server = await serve(config, logger);
  console.log(`Convene is running at ${server.url} (docs: ${server.url}/docs)`);
  onSignals(() => server.close(), logger);
}

function onSignals(stop: (signal: string) => Promise<void>, logger: { info: (obj: object, msg: string) => void }) {
  let isStopping = false;
  const handle = (signal: string) => {
    if (isStopping) process.exit(1);
    isStopping = true;
    logger.info({ signal }, "shutting down");
    stop(signal).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => handle("SIGINT"));
  process.on("SIGTERM", () => handle("SIGTERM"));
}

async function runWorker(): Promise<void> {
  const config = readConfig();
  const runtime = await openRuntime(config, createLogger(config));
  const jobs = await startJobs(runtime);
  console.log(`Convene worker is running (mail: ${runtime.deps.mailer.describe()})`);
  onSignals(async () => {
    await jobs.stop();
    await runtime.close();
  }, runtime.logger);
}

async function runMigrate(): Promise<void> {
  const config = readConfig();
  const runtime = await openRuntime(config, createLogger(config));
  await runtime.close();
  console.log(`Migrations applied (${runtime.database.engine}).`);
}

async function runUserCreate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      organization: { type: "string" },
      "time-zone": { type: "string" },
      password: { type: "string" },
      "password-stdin": { type: "boolean" },
    },
    strict: true,
  });
  const password = values["password-stdin"] ? await readStdin() : values.password;
  const missing = ["email", "name", "organization", "time-zone"].filter((name) => !values[name as keyof typeof values]);
  if (!password) missing.push("password");
  if (missing.length > 0) throw new UsageError(`user create: missing --${missing.join(", --")}`);
  if (password!.length < 10) throw new UsageError("user create: the password must be at least 10 characters");
  const config = readConfig();
  const runtime = await openRuntime(config, createLogger(config));
  try {
    const { user } = await runtime.deps.store.transaction((repos) =>
      createAccount(
        repos,
        runtime.deps.passwords,
        { email: values.email!, name: values.name!, organization: values.organization!, timeZone: values["time-zone"]!, password: password! },
        { ip: null, nowMs: Date.now(), via: "cli" },
      ),
    );
    console.log(`Created ${user.email} (handle ${user.handle}, id ${user.id}).`);
  } finally {
    await runtime.close();
  }
}

async function runUserResetPassword(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { email: { type: "string" }, "password-stdin": { type: "boolean" } }, strict: true });
  if (!values.email) throw new UsageError("user reset-password: missing --email");
  const password = values["password-stdin"] ? await readStdin() : null;
  if (password !== null && password.length < 10) throw new UsageError("user reset-password: the password must be at least 10 characters");
  const config = readConfig();
  const runtime = await openRuntime(config, createLogger({ ...config, logLevel: "warn" }));
  try {
    const done = await resetPasswordByOperator(runtime.deps, { email: values.email, password }, { ip: null, nowMs: Date.now() });
    if (done.kind === "link") {
      console.log(`Open this link within an hour to choose a new password for ${done.email} (it works once):`);
      console.log(done.url);
    } else {
      console.log(`Set a new password for ${done.email}; ${done.sessionsEnded} session(s) ended.`);
    }
  } finally {
    await runtime.close();
  }
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command = "serve", ...rest] = argv;
  if (command === "serve") return runServe();
  if (command === "migrate") return runMigrate();
  if (command === "worker") return runWorker();
  if (command === "outbox") return runOutbox(rest);
  if (command === "mcp") return runMcpBridge(readMcpBridgeSettings());
  if (command === "user" && rest[0] === "create") return runUserCreate(rest.slice(1));
  if (command === "user" && rest[0] === "reset-password") return runUserResetPassword(rest.slice(1));
  if (command === "help" || command === "--help" || command === "-h") {
    console.log(USAGE);
    return;
  }
  throw new UsageError(`Unknown command: ${argv.join(" ")}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof OutboxUnavailable || isConveneError(error)) {
    console.error(`convene: ${error.message}`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  }
  console.error("convene: failed:", error);
  process.exit(1);
});
