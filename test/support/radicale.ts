// A real Radicale (Debian's /usr/bin/radicale, 3.1.8) for the CalDAV tests:
// a free loopback port, a temporary storage folder, htpasswd users with plain
// passwords so a wrong one is really refused, and rights that let every user
// read (not write) any other user's calendar named "shared-…". It can be
// stopped and started again on the same port, for outage tests.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const RADICALE_BIN = "/usr/bin/radicale";

/**
 * Why the Radicale suites cannot run here, or null when they can. CI must
 * run them: there a missing Radicale is an error (.ci/run installs it).
 */
export function radicaleSkipReason(): string | null {
  if (existsSync(RADICALE_BIN)) return null;
  if (process.env.CI) throw new Error(`${RADICALE_BIN} is missing: .ci/run installs the radicale package; CI must run the CalDAV suite`);
  return `${RADICALE_BIN} is not installed (apt-get install -y radicale); the CalDAV suite runs in CI`;
}

export type RadicaleServer = {
  /** http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  /** Requests as a user, as another CalDAV client would make them. */
  request(user: string, method: string, path: string, options?: { body?: string; headers?: Record<string, string> }): Promise<Response>;
  /** MKCALENDAR at /USER/NAME/; returns the collection's absolute URL. */
  makeCalendar(user: string, name: string, props?: { displayName?: string; color?: string; components?: string[]; timeZone?: string }): Promise<string>;
  /** Radicale forgets the sync tokens it issued for this collection (they live in its cache), as any server may. */
  forgetSyncTokens(collectionUrl: string): Promise<void>;
  isRunning(): boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
};

const RIGHTS = `
[root]
user: .+
collection:
permissions: R

[principal]
user: .+
collection: {user}
permissions: RW

[own-calendars]
user: .+
collection: {user}/[^/]+
permissions: rw

[shared-calendars]
user: .+
collection: [^/]+/shared-[^/]+
permissions: r
`;

export async function startRadicale({ users }: { users: Record<string, string> }): Promise<RadicaleServer> {
  const dir = await mkdtemp(join(tmpdir(), "convene-radicale-"));
  const port = await freePort();
  await writeFile(join(dir, "users"), Object.entries(users).map(([user, password]) => `${user}:${password}\n`).join(""));
  await writeFile(join(dir, "rights"), RIGHTS);
  await writeFile(
    join(dir, "config"),
    [
      "[server]",
      `hosts = 127.0.0.1:${port}`,
      "ssl = False",
      "[auth]",
      "type = htpasswd",
      `htpasswd_filename = ${join(dir, "users")}`,
      "htpasswd_encryption = plain",
      // Radicale waits about a second after a failed login by default; the tests fail logins on purpose.
      "delay = 0",
      "[rights]",
      "type = from_file",
      `file = ${join(dir, "rights")}`,
      "[storage]",
      `filesystem_folder = ${join(dir, "collections")}`,
      "[web]",
      "type = none",
      "[logging]",
      "level = warning",
      "",
    ].join("\n"),
  );
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = "";

  const start = async () => {
    if (child) return;
    output = "";
    const started = spawn(RADICALE_BIN, ["--config", join(dir, "config")], { stdio: ["ignore", "pipe", "pipe"] });
    started.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    started.on("exit", () => {
      if (child === started) child = null;
    });
    child = started;
    await waitForPort(port, () => (started.exitCode === null ? null : `radicale exited ${started.exitCode}:\n${output}`));
  };
  const stop = async () => {
    const running = child;
    if (!running) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGTERM");
    await exited;
    child = null;
  };
  const authorization = (user: string) => `Basic ${Buffer.from(`${user}:${users[user] ?? ""}`).toString("base64")}`;
  const request: RadicaleServer["request"] = (user, method, path, options = {}) =>
    fetch(new URL(path, url), { method, body: options.body, headers: { authorization: authorization(user), ...options.headers } });

  await start();
  return {
    url,
    request,
    async makeCalendar(user, name, props = {}) {
      const set = [
        props.displayName === undefined ? "" : `<d:displayname>${props.displayName}</d:displayname>`,
        props.color === undefined ? "" : `<a:calendar-color>${props.color}</a:calendar-color>`,
        `<c:supported-calendar-component-set>${(props.components ?? ["VEVENT"]).map((comp) => `<c:comp name="${comp}"/>`).join("")}</c:supported-calendar-component-set>`,
        props.timeZone === undefined ? "" : `<c:calendar-timezone><![CDATA[${props.timeZone}]]></c:calendar-timezone>`,
      ].join("");
      const body = `<?xml version="1.0" encoding="utf-8"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:a="http://apple.com/ns/ical/"><d:set><d:prop>${set}</d:prop></d:set></c:mkcalendar>`;
      const path = `/${user}/${name}/`;
      const response = await request(user, "MKCALENDAR", path, { body, headers: { "content-type": "application/xml" } });
      if (response.status !== 201) throw new Error(`MKCALENDAR ${path} answered ${response.status}: ${await response.text()}`);
      return new URL(path, url).href;
    },
    async forgetSyncTokens(collectionUrl) {
      const path = decodeURIComponent(new URL(collectionUrl).pathname);
      await rm(join(dir, "collections", "collection-root", path, ".Radicale.cache", "sync-token"), { recursive: true, force: true });
    },
    isRunning: () => child !== null,
    stop,
    start,
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Until the port accepts a connection; `failure` says why to stop waiting (the process exited). */
async function waitForPort(port: number, failure: () => string | null, timeoutMs = 20_000): Promise<void> {
  const deadlineMs = Date.now() + timeoutMs;
  for (;;) {
    const why = failure();
    if (why) throw new Error(why);
    const isOpen = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (isOpen) return;
    if (Date.now() > deadlineMs) throw new Error(`radicale did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
