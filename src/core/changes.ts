// What a change really changed: the fields whose value differs, compared as
// values (jsonb hands objects back with their keys reordered, so text
// comparison would call a repeated value a change). Pure.

export type FieldChanges = Record<string, { old: unknown; new: unknown }>;

/** Deep equality of JSON-like values: key order does not matter, array order does; Dates compare by instant. */
export function isSameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => isSameValue(item, b[i]));
  // An absent key and an undefined one are the same value: a JSON round trip drops both.
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (!isSameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  return true;
}

/**
 * The fields among `keys` whose value in `after` differs from `before`, as
 * { field: { old, new } }; empty when nothing changed. Keys whose new value is
 * undefined (not given in a PATCH) are not changes.
 */
export function changedFields<T extends object>(before: T, after: Partial<T>, keys: readonly (keyof T)[] = Object.keys(after) as (keyof T)[]): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of keys) {
    if (after[key] === undefined) continue;
    if (!isSameValue(before[key], after[key])) changes[String(key)] = { old: before[key], new: after[key] };
  }
  return changes;
}

export function hasChanges(changes: FieldChanges): boolean {
  return Object.keys(changes).length > 0;
}
