// `convene outbox`: the mail Convene kept instead of sending (no SMTP_URL).
// It reads the database when it may open it (PostgreSQL, or a stopped
// embedded server), and the running server's API when an API key is given —
// the embedded database belongs to the running server, which holds its lock.
// `--show ID` prints one message whole: headers, text and the invite.
import { parseArgs } from "node:util";
import { DataDirLockedError } from "../adapters/data-dir.js";
import { readConfig } from "../config.js";
import { createLogger, openRuntime } from "../main.js";
import { terminalSafe } from "./terminal-text.js";

type KeptMail = {
  id: number;
  messageId: string;
  from: string;
  to: { name: string; email: string };
  subject: string;
  text: string;
  invite: { method: string; content: string } | null;
  createdAt: string;
};

export const OUTBOX_USAGE = `  outbox [--limit N] [--show ID] [--api-key KEY] [--url URL]
                        The dev outbox (mail kept while SMTP_URL is not set);
                        --show prints one message whole. While the embedded
                        server runs, give an API key (or CONVENE_API_KEY) to read
                        it through the server at --url (CONVENE_URL, default PUBLIC_URL)`;

export class OutboxUnavailable extends Error {}

async function readThroughApi(url: string, apiKey: string, limit: number): Promise<KeptMail[]> {
  const response = await fetch(`${url}/api/v1/dev/outbox?limit=${limit}`, { headers: { authorization: `Bearer ${apiKey}` } });
  const body = (await response.json().catch(() => null)) as { items?: KeptMail[]; detail?: string } | null;
  if (!response.ok || !body?.items) throw new OutboxUnavailable(`${url} answered ${response.status}${body?.detail ? `: ${body.detail}` : ""}`);
  return body.items;
}

async function readFromDatabase(limit: number): Promise<KeptMail[]> {
  const config = readConfig();
  const runtime = await openRuntime(config, createLogger({ ...config, logLevel: "warn" }));
  try {
    const mail = await runtime.deps.store.mailOutbox.listAll({ limit });
    return mail.map((item) => ({
      id: item.id,
      messageId: item.messageId,
      from: item.fromAddress,
      to: item.to,
      subject: item.subject,
      text: item.text,
      invite: item.invite ?? null,
      createdAt: new Date(item.createdAtMs).toISOString(),
    }));
  } finally {
    await runtime.close();
  }
}

/** Names, subjects and bodies come from invitees: every line is made safe for the terminal. */
function safeLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => terminalSafe(line.replace(/\t/g, "  ")))
    .join("\n");
}

function printList(mail: KeptMail[]): void {
  if (mail.length === 0) console.log("The dev outbox is empty.");
  for (const item of mail) {
    console.log(terminalSafe(`#${item.id}  ${item.createdAt}  to ${item.to.name} <${item.to.email}>${item.invite ? `  [invite ${item.invite.method}]` : ""}`));
    console.log(terminalSafe(`    ${item.subject}`));
  }
  if (mail.length > 0) console.log("\nnpx convene outbox --show ID prints one message whole.");
}

function printWhole(item: KeptMail): void {
  console.log(safeLines([`Message-ID: ${item.messageId}`, `Date: ${item.createdAt}`, `From: ${item.from}`, `To: ${item.to.name} <${item.to.email}>`, `Subject: ${item.subject}`].join("\n")));
  console.log(`\n${safeLines(item.text)}`);
  if (item.invite) console.log(`\n--- invite.ics (METHOD:${item.invite.method}) ---\n${safeLines(item.invite.content)}`);
}

export async function runOutbox(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { limit: { type: "string", default: "20" }, show: { type: "string" }, "api-key": { type: "string" }, url: { type: "string" } },
    strict: true,
  });
  const show = values.show === undefined ? null : Number(values.show.replace(/^#/, ""));
  // One message may be older than the newest N: look further back for it.
  const limit = show === null ? Math.min(Math.max(Number(values.limit) || 20, 1), 500) : 500;
  const { remote, publicUrl } = readConfig();
  const apiKey = values["api-key"] ?? remote.apiKey;
  const url = (values.url ?? remote.url).replace(/\/+$/, "");
  let mail: KeptMail[];
  if (apiKey) {
    mail = await readThroughApi(url, apiKey, limit);
  } else {
    try {
      mail = await readFromDatabase(limit);
    } catch (error) {
      if (!(error instanceof DataDirLockedError)) throw error;
      throw new OutboxUnavailable(
        `${error.message}\nThe running server owns the embedded database. Read its outbox through it:\n` +
          `  npx convene outbox --api-key cv_…   (a key from the dashboard's Settings, or CONVENE_API_KEY)\n` +
          `or open ${publicUrl}/dashboard/outbox.`,
      );
    }
  }
  if (show === null) return printList(mail);
  const item = mail.find((candidate) => candidate.id === show);
  if (!item) throw new OutboxUnavailable(`No message #${values.show} in the dev outbox.`);
  printWhole(item);
}
