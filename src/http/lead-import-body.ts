// The body of POST /leads/import read as it arrives, one record at a time:
// CSV (a header row, then one lead a row), NDJSON (one object a line) or a
// JSON array of objects (split element by element, never parsed as a whole).
// Memory stays at one record plus the parser's buffer however long the file;
// a body over the limit stops with BODY_TOO_LARGE. A row that cannot be
// parsed is reported with its line; a file that stops making sense (a broken
// quote, a broken array) ends with one last problem.
import { parse as parseCsv } from "csv-parse";
import { Readable } from "node:stream";
import { createInterface } from "node:readline";
import { ConveneError } from "../core/errors.js";
import { MAX_JSON_DEPTH } from "./input-guards.js";
import type { ImportRecord } from "../use-cases/leads/import-leads.js";

export const LEAD_IMPORT_MEDIA_TYPES = ["text/csv", "application/json", "application/x-ndjson"] as const;
export type LeadImportMediaType = (typeof LEAD_IMPORT_MEDIA_TYPES)[number];

/** One JSON record of an import is a lead, not a document. */
const MAX_RECORD_CHARS = 256 * 1024;

/** Counts the bytes as they pass and stops the import past the limit (the route's own body limit: the parsers never buffer the whole body). */
async function* limited(body: Readable, maxBytes: number): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > maxBytes) throw new ConveneError("BODY_TOO_LARGE", `An import may be at most ${Math.floor(maxBytes / (1024 * 1024))} MB; split the file.`);
    yield chunk;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Waits for the parser to take more input (or to have closed), leaving no listener behind. */
function drainedOrClosed(parser: ReturnType<typeof parseCsv>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off("drain", done);
      parser.off("close", done);
      resolve();
    };
    parser.once("drain", done);
    parser.once("close", done);
  });
}

async function* csvRecords(chunks: AsyncIterable<Buffer>): AsyncGenerator<ImportRecord> {
  const parser = parseCsv({ info: true, bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_CHARS });
  const feeding = (async () => {
    try {
      for await (const chunk of chunks) {
        if (parser.destroyed) return;
        // A parser that fails mid-file closes instead of draining: stop feeding it either way.
        if (!parser.write(chunk)) await drainedOrClosed(parser);
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let header: string[] | null = null;
  let row = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header === null) {
        header = record.map((name) => name.trim());
        continue;
      }
      row++;
      const at = { line: info.lines, row };
      if (record.length !== header.length) {
        yield { ...at, problem: { field: "row", message: `has ${record.length} cells; the header has ${header.length}` } };
        continue;
      }
      yield { ...at, record: Object.fromEntries(header.map((name, i) => [name, record[i]])) };
    }
  } catch (error) {
    if (error instanceof ConveneError) throw error;
    const { lines, message } = error as { lines?: number; message: string };
    yield { line: lines ?? 0, row: row + 1, problem: { field: "file", message: `is not valid CSV from here on: ${message.split(":")[0]}` } };
    return;
  }
  await feeding;
  if (header === null) yield { line: 1, row: 0, problem: { field: "file", message: "is empty; the first row must name the columns (email, name, company, title, campaign, owner, …)" } };
}

async function* ndjsonRecords(chunks: AsyncIterable<Buffer>): AsyncGenerator<ImportRecord> {
  const lines = createInterface({ input: Readable.from(chunks), crlfDelay: Infinity });
  let line = 0;
  let row = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === "") continue;
    row++;
    yield { line, row, ...jsonRecordOf(text) };
  }
}

function jsonRecordOf(text: string): { record: Record<string, unknown> } | { problem: { field: string; message: string } } {
  if (text.length > MAX_RECORD_CHARS) return { problem: { field: "row", message: `is longer than ${MAX_RECORD_CHARS} characters` } };
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? { record: value } : { problem: { field: "row", message: "must be a JSON object" } };
  } catch {
    return { problem: { field: "row", message: "is not valid JSON" } };
  }
}

/**
 * The elements of a top-level JSON array, each as its own text, found by one
 * pass that tracks strings and nesting (like input-guards' depth check); each
 * element is then parsed alone.
 */
async function* jsonArrayRecords(chunks: AsyncIterable<Buffer>): AsyncGenerator<ImportRecord> {
  const decoder = new TextDecoder("utf-8");
  let line = 1;
  let row = 0;
  let depth = 0;
  let isInString = false;
  let isEscaped = false;
  let hasOpened = false;
  let isInElement = false;
  let element = "";
  let elementLine = 1;
  const fail = (message: string): ImportRecord => ({ line, row: row + 1, problem: { field: "file", message } });
  const opened = (at: number): number => {
    isInElement = true;
    elementLine = line;
    return at;
  };
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    let start: number = isInElement ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (char === "\n") line++;
      if (isInString) {
        if (isEscaped) isEscaped = false;
        else if (char === "\\") isEscaped = true;
        else if (char === '"') isInString = false;
        continue;
      }
      if (depth === 0) {
        if (char === "[" && !hasOpened) [hasOpened, depth] = [true, 1];
        else if (!/\s/.test(char)) return yield fail("must be one JSON array of objects");
        continue;
      }
      if (depth === 1 && (char === "," || char === "]")) {
        if (isInElement) {
          element += text.slice(start, i);
          yield { line: elementLine, row: ++row, ...jsonRecordOf(element) };
        } else if (char === "," || row > 0) {
          return yield fail("has an empty element");
        }
        [element, isInElement, start] = ["", false, -1];
        if (char === "]") depth = 0;
        continue;
      }
      if (depth === 1 && !isInElement && !/\s/.test(char)) start = opened(i);
      if (char === '"') isInString = true;
      else if (char === "[" || char === "{") {
        if (++depth > MAX_JSON_DEPTH) return yield fail(`nests deeper than ${MAX_JSON_DEPTH} levels`);
      } else if (char === "]" || char === "}") depth--;
    }
    if (isInElement) element += text.slice(start);
    if (element.length > MAX_RECORD_CHARS) return yield fail(`has an element longer than ${MAX_RECORD_CHARS} characters`);
  }
  if (!hasOpened || depth !== 0) yield fail(hasOpened ? "ends before its array is closed" : "must be one JSON array of objects");
}

/** The import's records from the request body, by its media type. */
export function importRecordsOf(body: Readable, mediaType: LeadImportMediaType, maxBytes: number): AsyncIterable<ImportRecord> {
  const chunks = limited(body, maxBytes);
  switch (mediaType) {
    case "text/csv":
      return csvRecords(chunks);
    case "application/x-ndjson":
      return ndjsonRecords(chunks);
    case "application/json":
      return jsonArrayRecords(chunks);
  }
}
