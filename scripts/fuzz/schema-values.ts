// Valid values for a JSON Schema, as fast-check arbitraries. "Valid" is what
// gets a request past validation into the use cases; it is also the base the
// mutations start from, so one bad field sits among good ones. Property names
// steer values the schema cannot express (a real zone, a free slot, an id that
// exists): those are references (`Ref`) resolved when the request is sent,
// against what the run has created so far.
import fc from "fast-check";
import type { JsonSchema } from "./spec.js";

/** A value taken from the run's pools at send time (real ids, tokens, free slots, instants near now). */
export type Ref = { $ref: RefKind; pick: number };
export type RefKind =
  | "instant"
  | "slotStart"
  | "userId"
  | "linkId"
  | "templateId"
  | "bookingId"
  | "apiKeyId"
  | "oneTimeToken"
  | "manageToken"
  | "handle"
  | "slug";

export const isRef = (value: unknown): value is Ref => typeof value === "object" && value !== null && "$ref" in value && "pick" in value;

const ref = (kind: RefKind) => fc.nat().map((pick): Ref => ({ $ref: kind, pick }));

const ZONES = ["Europe/Berlin", "UTC", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "Australia/Lord_Howe", "America/St_Johns"];
const simpleEmail = fc.stringMatching(/^[a-z]{1,12}$/).map((local) => `fuzz-${local}@example.com`);

/** Values that a property's name says more about than its schema does. */
function byName(name: string, schema: JsonSchema): fc.Arbitrary<unknown> | null {
  const isString = schema.type === "string" || schema.format !== undefined;
  if (/timeZone/i.test(name) && isString) return fc.constantFrom(...ZONES);
  if (/email/i.test(name) && isString) return fc.oneof({ weight: 4, arbitrary: simpleEmail }, { weight: 1, arbitrary: fc.emailAddress() });
  if (name === "password") return fc.constantFrom("correct horse battery staple", "0123456789", "x".repeat(256));
  if (name === "start" && isString && !schema.pattern) return fc.oneof({ weight: 3, arbitrary: ref("slotStart") }, { weight: 1, arbitrary: ref("instant") });
  if (/^(from|to|expiresAt)$/.test(name) && isString && !schema.pattern) return ref("instant");
  if (name === "slots" && schema.type === "array") return fc.array(fc.oneof(ref("slotStart"), ref("instant")), { maxLength: 4 });
  // 30 is offered by every link the fixtures make and by every durationsMin drawn here, so "valid" stays valid.
  if (/^(durationMin|defaultDurationMin)$/.test(name)) return fc.constantFrom(30, 30, 60, 15);
  if (name === "durationsMin") return fc.constantFrom([30], [15, 30, 60], [30, 60]);
  if (name === "weeklyHours") return fc.constantFrom([{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }], [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }]);
  if (name === "dateOverrides" || name === "holidays") return fc.constant([]);
  if (name === "rangeStartDate" || name === "rangeEndDate" || name === "maxDaysAhead" || name === "maxPerDay" || name === "maxPerWeek") return fc.constant(null);
  if (name === "slotIntervalMin") return fc.constantFrom(null, 15, 30);
  if (name === "hostUserIds") return fc.array(ref("userId"), { minLength: 1, maxLength: 2 });
  if (name === "templateId") return fc.oneof(ref("templateId"), fc.constant(null));
  if (name === "linkId") return ref("linkId");
  if (name === "handle" && isString) return ref("handle");
  if (name === "minNoticeMin") return fc.constantFrom(0, 60);
  if (/^(start|end)$/.test(name) && schema.pattern?.includes(":")) return fc.constantFrom("00:00", "09:00", "12:30", "17:00", "24:00");
  if (name === "date" && schema.pattern) return fc.date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
  if (name === "before" && (schema.type === "integer" || schema.type === "number")) return fc.integer({ min: 1, max: 1_000 });
  return null;
}

const uuid = fc.uuid();

/** An arbitrary of values the schema accepts (mostly: patterns with lookarounds, say, are approximated). */
export function valueOf(schema: JsonSchema, name = ""): fc.Arbitrary<unknown> {
  const hinted = byName(name, schema);
  if (hinted) return hinted;
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if ("const" in schema) return fc.constant(schema.const);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0) return fc.oneof(...alternatives.map((alternative) => valueOf(alternative, name)));
  if (schema.allOf && schema.allOf.length > 0) return valueOf(schema.allOf[0]!, name);
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => valueOf({ ...schema, type }, name)));
  switch (schema.type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
    case "number":
      return numberOf(schema);
    case "string":
      return stringOf(schema);
    case "array":
      return fc.array(valueOf(schema.items ?? {}, singular(name)), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
      });
    case "object":
    case undefined:
      if (!schema.properties) return schema.type === "object" ? fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }) : fc.constant({});
      return fc.record(Object.fromEntries(Object.entries(schema.properties).map(([key, property]) => [key, valueOf(property, key)])), {
        requiredKeys: (schema.required ?? []).filter((key) => key in schema.properties!),
      });
    default:
      return fc.constant(null);
  }
}

function singular(name: string): string {
  return name.endsWith("s") ? name.slice(0, -1) : name;
}

function numberOf(schema: JsonSchema): fc.Arbitrary<number> {
  // zod states ±2^53 for a bare int: a realistic range finds more than the edges alone.
  const min = Math.max(schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000), -1_000_000);
  const max = Math.min(schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000), 1_000_000);
  const low = Math.min(min, max);
  return fc.oneof(fc.integer({ min: low, max: Math.max(low, Math.min(max, low + 100)) }), fc.integer({ min: low, max }));
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? 60;
  if (schema.format === "uuid") return uuid;
  if (schema.format === "email") return simpleEmail;
  if (schema.format === "date-time") return fc.date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true }).map((date) => date.toISOString());
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length >= minLength && text.length <= maxLength);
    } catch {
      // A pattern fast-check cannot read: fall back to plain text.
    }
  }
  return fc.string({ minLength, maxLength: Math.min(maxLength, Math.max(minLength, 40)) });
}
