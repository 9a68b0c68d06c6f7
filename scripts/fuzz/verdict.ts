// What counts as a failure, as a pure function of the request and the answer:
// a 5xx, an error that is not problem+json with a code, a stack trace or other
// internals in a body, no answer at all, or an answer slower than the limit.

export type Answer = {
  status: number;
  contentType: string;
  body: string;
  durationMs: number;
};

/** Text that only an internal error puts in a body, unless the request itself carried it. */
const INTERNALS: [string, RegExp][] = [
  ["stack frame", /\bat (?:async )?(?:\S+ )?\(?(?:\/|file:\/\/|node:)[^\s)]+:\d+:\d+/],
  // "at /" followed by a source file, not a URL path ("taken at /ada/intro" is a fine detail).
  ["file path", /(?:^|[\s"'(])at \/[^\s"']+\.(?:[cm]?js|ts)\b|\/work\/|\/home\/|\/usr\/(?:lib|local|share)\/|\/tmp\//],
  ["node_modules", /node_modules/],
  ["drizzle query", /Failed query/i],
  // Bodies are JSON text: identifiers arrive quoted as \"id\".
  ["SQL text", /\b(?:select\s+[\\"\w*.,\s]+?\s+from\s+[\\"]*\w|insert\s+into\s+[\\"]*\w|update\s+[\\"]*\w+[\\"]*\s+set\s|delete\s+from\s+[\\"]*\w)/i],
  ["PostgreSQL error", /SQLSTATE|syntax error at or near|violates (?:unique|foreign key|check|exclusion) constraint|duplicate key value|invalid input syntax for|out of range for type|relation "\w+" does not exist|pg_catalog|deadlock detected/i],
  ["JS error name", /\b(?:TypeError|RangeError|ReferenceError|SyntaxError|InternalError): /],
  ["Fastify internals", /FST_ERR_\w+/],
  ["stack property", /"stack"\s*:/],
];

export function judge(request: { method: string; path: string; headersText: string; bodyText: string }, answer: Answer | { error: string; durationMs: number }, slowMs: number): string[] {
  const reasons: string[] = [];
  if ("error" in answer) return [`no answer (${answer.error})`];
  if (answer.durationMs > slowMs) reasons.push(`slow (${Math.round(answer.durationMs)} ms)`);
  if (answer.status >= 500) reasons.push(`${answer.status}`);
  if (answer.status >= 400 && answer.status !== 500) {
    // A bare 500 is already a failure above; every other error must say what went wrong.
    if (!/^application\/problem\+json\b/i.test(answer.contentType)) reasons.push(`error is not problem+json (${answer.contentType || "no content-type"})`);
    else if (request.method !== "HEAD") {
      let code: unknown;
      try {
        code = (JSON.parse(answer.body) as { code?: unknown }).code;
      } catch {
        reasons.push("problem+json body is not JSON");
      }
      if (code !== undefined && typeof code !== "string") reasons.push("problem without a code");
      else if (code === undefined && !reasons.includes("problem+json body is not JSON")) reasons.push("problem without a code");
    }
  }
  const sent = `${request.path}\n${request.headersText}\n${request.bodyText}`;
  for (const [name, pattern] of INTERNALS) {
    const match = pattern.exec(answer.body);
    if (match && !sent.includes(match[0])) reasons.push(`leaks ${name}: ${JSON.stringify(match[0].slice(0, 60))}`);
  }
  return reasons;
}
