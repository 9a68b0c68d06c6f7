// The summary of a run: counts by status and by route, every failure on one
// line, and the failures grouped into classes, each with a curl line to repeat it.
import type { Outcome } from "./runner.js";

const statusOf = (outcome: Outcome) => (outcome.status === null ? "no answer" : String(outcome.status));

function counted<T extends string>(values: T[]): [T, number][] {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }));
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…(${text.length})` : text);
const oneLine = (text: string) => text.replace(/\s+/g, " ");
const shellQuote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** Numbers and ids vary between members of one class; this keeps what does not. */
function classKey(outcome: Outcome): string {
  const input = outcome.input.replace(/\[\d+\]/g, "[]").replace(/\d+/g, "#");
  const reasons = outcome.reasons.map((reason) => reason.replace(/\d+ ms/, "# ms").replace(/: ".*"$/, "")).join("; ");
  return `${outcome.route} | ${input} | ${statusOf(outcome)} | ${reasons}`;
}

export function curlOf(outcome: Outcome, baseUrl: string): string {
  const parts = ["curl -sS -i", "-X", outcome.method, shellQuote(`${baseUrl}${shorten(outcome.path, 400)}`)];
  for (const name of outcome.headerNames) {
    if (name === "authorization") parts.push("-H", shellQuote("authorization: Bearer $CONVENE_API_KEY"));
    else if (name === "cookie") parts.push("-H", '"cookie: $CONVENE_SESSION_COOKIE"', "-H", '"x-csrf-token: $CONVENE_CSRF"');
    else if (name === "x-csrf-token" || name === "x-request-id") continue;
    else if (name === "content-type" || name === "idempotency-key") parts.push("-H", shellQuote(`${name}: …`));
  }
  if (outcome.bodyPreview) parts.push("--data-binary", outcome.bodyPreview.length <= 600 ? shellQuote(outcome.bodyPreview) : "@body.json");
  return parts.join(" ");
}

export function printReport(engine: string, outcomes: Outcome[], meta: { seed: number; elapsedMs: number; baseUrl: string; crashed: string | null }, print: (line: string) => void) {
  const failures = outcomes.filter((outcome) => outcome.reasons.length > 0);
  const seconds = meta.elapsedMs / 1000;
  print("");
  print(`== fuzz ${engine}: ${outcomes.length} requests in ${seconds.toFixed(0)} s (${(outcomes.length / seconds).toFixed(0)}/s), seed ${meta.seed}, ${failures.length} failures`);
  print(`by status: ${counted(outcomes.map(statusOf))
    .map(([status, count]) => `${status} ×${count}`)
    .join(", ")}`);
  const rateLimited = outcomes.filter((outcome) => outcome.status === 429).length;
  print(`429 (rate limited or locked out): ${rateLimited}`);
  const slowest = [...outcomes].sort((a, b) => b.durationMs - a.durationMs)[0];
  if (slowest) print(`slowest: ${Math.round(slowest.durationMs)} ms, ${slowest.route} (${slowest.input})`);
  print("by route: requests  2xx  4xx(429)  5xx  failures");
  const routes = new Map<string, Outcome[]>();
  for (const outcome of outcomes) routes.set(outcome.route, [...(routes.get(outcome.route) ?? []), outcome]);
  for (const [route, list] of [...routes].sort(([a], [b]) => a.localeCompare(b))) {
    const within = (low: number, high: number) => list.filter((outcome) => outcome.status !== null && outcome.status >= low && outcome.status < high).length;
    const failed = list.filter((outcome) => outcome.reasons.length > 0).length;
    print(
      `  ${route.padEnd(58)} ${String(list.length).padStart(5)} ${String(within(200, 300)).padStart(5)} ${String(within(400, 500)).padStart(5)}(${list.filter((outcome) => outcome.status === 429).length}) ${String(within(500, 600)).padStart(4)} ${String(failed).padStart(5)}`,
    );
  }
  if (meta.crashed) print(`SERVER CRASHED: ${meta.crashed}`);
  if (failures.length === 0) return;
  print(`failures (${failures.length}):`);
  for (const outcome of failures) {
    print(
      `  #${outcome.index} ${outcome.phase === "concurrent" ? "[x6] " : ""}${outcome.method} ${shorten(outcome.path, 140)} | ${shorten(outcome.input, 100)} → ${statusOf(outcome)} ${outcome.contentType} ${Math.round(outcome.durationMs)} ms | ${outcome.reasons.join("; ")} | ${shorten(oneLine(outcome.responsePreview), 200)}${outcome.serverLog ? ` | server: ${shorten(outcome.serverLog, 200)}` : ""}`,
    );
  }
  const classes = new Map<string, Outcome[]>();
  for (const outcome of failures) classes.set(classKey(outcome), [...(classes.get(classKey(outcome)) ?? []), outcome]);
  print(`failure classes (${classes.size}):`);
  for (const [key, list] of [...classes].sort(([, a], [, b]) => b.length - a.length)) {
    const example = list[0]!;
    print(`  ${String(list.length).padStart(5)} × ${key}`);
    if (example.serverLog) print(`          server: ${shorten(example.serverLog, 300)}`);
    print(`          ${curlOf(example, meta.baseUrl)}`);
  }
}
