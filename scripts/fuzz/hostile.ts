// The catalogue of bad input, as fast-check arbitraries: wrong types, hostile
// strings (NUL, unpaired surrogates, control characters, injections), instants
// PostgreSQL cannot store, zones that do not exist, bad percent-encodings, and
// sizes and nestings past what a parser or a stack takes. Each value carries a
// short label, which is what reports show instead of a 100 KB string.
import fc from "fast-check";

/** JSON text too big or too deep to build as a JS value first; spliced in when the body is serialised. */
export type RawJson = { kind: "deep-array" | "deep-object"; depth: number } | { kind: "huge-array"; length: number } | { kind: "long-number"; digits: number };

export type Labelled<T> = { label: string; value: T };

const labelled = <T>(label: string, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<Labelled<T>> => arbitrary.map((value) => ({ label, value }));
const named = <T>(entries: [string, T][]): fc.Arbitrary<Labelled<T>> => fc.constantFrom(...entries.map(([label, value]) => ({ label, value })));

export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

const withInside = (label: string, inner: fc.Arbitrary<string>) =>
  labelled(
    label,
    fc.tuple(fc.string({ maxLength: 8 }), inner, fc.string({ maxLength: 8 })).map(([before, middle, after]) => `${before}${middle}${after}`),
  );

/** Out-of-range and malformed instants: PostgreSQL's timestamptz spans 4713 BC to 294276 AD; JS dates ±275760. */
export const badInstant: fc.Arbitrary<Labelled<string>> = fc.oneof(
  named([
    ["year 0000", "0000-01-01T00:00:00Z"],
    ["year 9999", "9999-12-31T23:59:59Z"],
    ["year 0001", "0001-01-01T00:00:00Z"],
    ["year -271821", "-271821-04-20T00:00:00Z"],
    ["year +275760", "+275760-09-13T00:00:00Z"],
    ["year 10000", "+010000-01-01T00:00:00Z"],
    ["1 BC-ish", "-000001-01-01T00:00:00Z"],
    ["epoch", "1970-01-01T00:00:00Z"],
    ["Feb 30", "2026-02-30T10:00:00Z"],
    ["month 13", "2026-13-01T00:00:00Z"],
    ["hour 25", "2026-06-01T25:00:00Z"],
    ["24:00", "2026-06-01T24:00:00Z"],
    ["leap second", "2026-06-30T23:59:60Z"],
    ["date only", "2026-06-01"],
    ["no zone", "2026-06-01T10:00:00"],
    ["offset +25:00", "2026-06-01T10:00:00+25:00"],
    ["offset -23:59", "2026-06-01T10:00:00-23:59"],
    ["nanoseconds", "2026-06-01T10:00:00.123456789Z"],
    ["lower-case t/z", "2026-06-01t10:00:00z"],
    ["space separator", "2026-06-01 10:00:00Z"],
    ["epoch ms string", "1780000000000"],
    ["empty", ""],
    ["week date", "2026-W23-1T10:00:00Z"],
    ["ordinal date", "2026-152T10:00:00Z"],
    ["bracketed zone", "2026-06-01T10:00:00Z[Europe/Berlin]"],
  ]),
  labelled(
    "random date ±275760y",
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  ),
  labelled(
    "random year 0–9999",
    fc.integer({ min: 0, max: 9999 }).map((year) => `${String(year).padStart(4, "0")}-01-01T00:00:00Z`),
  ),
);

export const badZone: fc.Arbitrary<Labelled<string>> = named([
  ["unknown zone", "Mars/Olympus_Mons"],
  ["offset as zone", "+05:00"],
  ["Etc/GMT-15", "Etc/GMT-15"],
  ["Etc/GMT+14", "Etc/GMT+14"],
  ["posix zone", "EST5EDT,M3.2.0,M11.1.0"],
  ["lower-case zone", "europe/berlin"],
  ["legacy link", "Europe/Kiev"],
  ["backzone", "America/Argentina/ComodRivadavia"],
  ["Factory", "Factory"],
  ["localtime", "localtime"],
  ["right/UTC", "right/UTC"],
  ["zone path traversal", "../../../../etc/passwd"],
  ["zone with NUL", "Europe/Berlin\u0000"],
  ["zone 64 chars", "A/".padEnd(64, "b")],
  ["zone 65 chars", "A/".padEnd(65, "b")],
  ["empty zone", ""],
  ["UTC", "UTC"],
]);

const INJECTIONS: [string, string][] = [
  ["SQL quote", "' OR '1'='1"],
  ["SQL drop", "'); DROP TABLE bookings; --"],
  ["SQL comment", "admin'--"],
  ["SQL range", "[2026-01-01,2026-01-02)"],
  ["SQL like", "%_%"],
  ["SQL backslash", "\\'\\\\"],
  ["JSON path", "$.__proto__"],
  ["shell", "$(id) `id` ; id | id"],
  ["html", "<script>alert(1)</script>"],
  ["template", "{{7*7}} ${7*7} #{7*7}"],
  ["path traversal", "../../../../etc/passwd"],
  ["__proto__", "__proto__"],
  ["constructor", "constructor"],
  ["header injection", "a\r\nBcc: victim@example.com"],
  ["ics injection", "x\r\nEND:VEVENT\r\nBEGIN:VEVENT"],
  ["terminal escape", "\u001b[31mred\u001b]0;title\u0007"],
  ["bidi override", "\u202Egnp.exe"],
  ["zero width", "\u200B\u200C\u200D\uFEFF"],
  ["emoji", "👩‍👩‍👧‍👦🏳️‍🌈"],
  ["combining", "Z̸̡̢͙̓ȃ̸̢l̷̨̡g̵̢o̷"],
  ["null word", "null"],
  ["NaN word", "NaN"],
  ["Infinity word", "Infinity"],
  ["huge exponent", "1e999"],
  ["negative", "-1"],
  ["spaces only", "   "],
];

export const hostileString: fc.Arbitrary<Labelled<string>> = fc.oneof(
  { weight: 3, arbitrary: withInside("NUL", fc.constant("\u0000")) },
  { weight: 3, arbitrary: withInside("unpaired surrogate", loneSurrogate) },
  { weight: 2, arbitrary: withInside("control chars", fc.integer({ min: 1, max: 31 }).map((code) => String.fromCharCode(code))) },
  { weight: 4, arbitrary: named(INJECTIONS) },
  { weight: 2, arbitrary: labelled("random unicode", fc.string({ unit: "binary", maxLength: 40 })) },
  { weight: 1, arbitrary: fc.integer({ min: 201, max: 70_000 }).map((length) => ({ label: `long string (${length} chars)`, value: "x".repeat(length) })) },
  { weight: 1, arbitrary: fc.integer({ min: 201, max: 20_000 }).map((length) => ({ label: `long surrogate string (${length})`, value: "\ud83d".repeat(length) })) },
  { weight: 2, arbitrary: badInstant },
  { weight: 2, arbitrary: badZone },
);

/** Any JSON value where the schema wants something else. */
export const wrongType: fc.Arbitrary<Labelled<unknown>> = named<unknown>([
  ["null", null],
  ["true", true],
  ["0", 0],
  ["-1", -1],
  ["1.5", 1.5],
  ["2^53+2", 2 ** 53 + 2],
  ["1e308", 1e308],
  ["-1e308", -1e308],
  ["2^31", 2 ** 31],
  ["-2^63", -(2 ** 63)],
  ["empty string", ""],
  ["string '1'", "1"],
  ["empty array", []],
  ["array of null", [null]],
  ["empty object", {}],
  ["object", { a: 1 }],
  ["__proto__ object", JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}')],
  ["nested arrays", [[[[[]]]]]],
]);

export const rawJson: fc.Arbitrary<Labelled<RawJson>> = fc.oneof(
  fc.integer({ min: 100, max: 100_000 }).map((depth) => ({ label: `array nested ${depth} deep`, value: { kind: "deep-array" as const, depth } })),
  fc.integer({ min: 100, max: 100_000 }).map((depth) => ({ label: `object nested ${depth} deep`, value: { kind: "deep-object" as const, depth } })),
  fc.integer({ min: 1_000, max: 200_000 }).map((length) => ({ label: `array of ${length} numbers`, value: { kind: "huge-array" as const, length } })),
  fc.integer({ min: 30, max: 5_000 }).map((digits) => ({ label: `number with ${digits} digits`, value: { kind: "long-number" as const, digits } })),
);

/** A value to put where the schema expects something valid. */
export type HostileValue = { label: string; json?: unknown; raw?: RawJson };

export const hostileJsonValue: fc.Arbitrary<HostileValue> = fc.oneof(
  { weight: 6, arbitrary: hostileString.map(({ label, value }) => ({ label, json: value })) },
  { weight: 3, arbitrary: wrongType.map(({ label, value }) => ({ label, json: value })) },
  { weight: 1, arbitrary: rawJson.map(({ label, value }) => ({ label, raw: value })) },
);

export function rawJsonText(raw: RawJson): string {
  switch (raw.kind) {
    case "deep-array":
      return "[".repeat(raw.depth) + "]".repeat(raw.depth);
    case "deep-object":
      return '{"a":'.repeat(raw.depth) + "1" + "}".repeat(raw.depth);
    case "huge-array":
      return `[${Array.from({ length: raw.length }, (_, index) => index).join(",")}]`;
    case "long-number":
      return "9".repeat(raw.digits);
  }
}

/**
 * A path or query segment, already percent-encoded by hand where the point is
 * the encoding itself (bad escapes, encoded NUL, invalid UTF-8, encoded slashes).
 */
export const hostileEncodedSegment: fc.Arbitrary<Labelled<string>> = named([
  ["lone %", "%"],
  ["bad escape %zz", "%zz"],
  ["truncated UTF-8", "%E0%A4%A"],
  ["overlong UTF-8 slash", "%C0%AF"],
  ["encoded surrogate (invalid UTF-8)", "%ED%A0%80"],
  ["encoded NUL", "a%00b"],
  ["byte FF", "%FF%FE"],
  ["encoded slash", "a%2Fb"],
  ["encoded dot-dot", "%2e%2e%2f%2e%2e"],
  ["dot-dot", ".."],
  ["encoded backslash", "..%5c..%5c"],
  ["double encoding", "%2525%252F"],
  ["encoded CRLF", "a%0D%0ASet-Cookie:%20x=1"],
  ["plus and semicolon", "a+b;c=d"],
  ["encoded unicode", "%F0%9F%98%80"],
]);

export const overLongSegment: fc.Arbitrary<Labelled<string>> = fc
  .oneof(fc.integer({ min: 101, max: 2_000 }), fc.integer({ min: 2_000, max: 100_000 }))
  .map((length) => ({ label: `over-long param (${length} chars)`, value: "a".repeat(length) }));
