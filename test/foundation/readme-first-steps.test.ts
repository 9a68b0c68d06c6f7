// The README's "First steps with curl", pasted into bash against a real
// `convene serve`: it must run as written (no placeholders to fill in) from
// sign-up to a booking, and `convene outbox` must then show the mails, also
// while the server runs, and print one whole.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { freePort, useConveneProcesses, waitFor } from "../support/convene-process.js";
import { settle } from "../support/polling.js";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

function firstStepsScript(): string {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## First steps with curl"));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error("the README has no First steps block");
  return block[1]!;
}

// On the embedded database, as a reader of the README runs it (and where the running server owns the database).
describe("the README's first steps", () => {
  const processes = useConveneProcesses("pglite");

  it("sign up, key, link and booking run as pasted; the outbox shows the mails while the server runs", { timeout: 300_000 }, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = await processes.env({ PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: url });
    const server = processes.run(["serve"], env);
    await waitFor(server, `Convene is running at ${url}`, 150_000);

    // What the reader pastes, with two changes a test needs: this server's URL, and
    // `npx convene` run from the sources (npx would build dist/ first).
    const convene = `node --import ${import.meta.resolve("tsx")} ${path.join(root, "src/cli/convene.ts")}`;
    const script = firstStepsScript().replace("CONVENE=http://localhost:3000", `CONVENE=${url}`).replaceAll("npx convene", convene);
    expect(script).not.toMatch(/<[^>]*from above>|cv_…/);
    // The reader's shell: a fresh directory (the cookie jar lands there); the key is echoed for the checks below.
    const shellDir = mkdtempSync(path.join(tmpdir(), "convene-readme-"));
    processes.defer(async () => rmSync(shellDir, { recursive: true, force: true }));
    const shellEnv = { ...env, PATH: process.env["PATH"] ?? "" };
    const pasted = await run("bash", ["-eo", "pipefail", "-c", `${script}\necho "KEY=$KEY"`], { cwd: shellDir, env: shellEnv });
    expect(pasted.stdout).toContain(`Booking page: ${url}/`);
    expect(pasted.stdout).toMatch(/"invitee":\{"name":"Grace Hopper","email":"grace@example.com"/);
    const key = /^KEY=(cv_\S+)$/m.exec(pasted.stdout)![1]!;

    const outbox = (...args: string[]) => run(process.execPath, ["--import", "tsx", "src/cli/convene.ts", "outbox", ...args], { cwd: root, env: shellEnv });
    // The workers send the confirmations a moment after the booking.
    const listed = await settle(
      async () => (await outbox("--url", url, "--api-key", key)).stdout,
      (stdout) => stdout.includes("Grace Hopper"),
      30_000,
    );
    const id = /#(\d+) .*Grace Hopper/.exec(listed)?.[1];
    expect(id, listed).toBeDefined();
    const whole = (await outbox("--url", url, "--api-key", key, "--show", id!)).stdout;
    expect(whole).toMatch(/^Message-ID: /m);
    expect(whole).toContain("To: Grace Hopper <grace@example.com>");
    expect(whole).toContain("--- invite.ics (METHOD:REQUEST) ---");
    expect(whole).toContain("BEGIN:VCALENDAR");

    // Without a key the embedded database is the running server's: the command says how to read it instead.
    const refused = await outbox().then(
      () => "",
      (error: { stderr: string }) => error.stderr,
    );
    expect(refused).toContain("--api-key cv_…");
    expect(refused).toContain(`${url}/dashboard/outbox`);
  });
});
