// The engine explains a host choice with host ids ("host 3f2a… has the fewest
// bookings this week"); people read names. Pure: names are passed in.

/**
 * The sentence with every host id it mentions replaced by that host's name
 * ("host <id>" becomes the name alone); ids without a known name stay as "a former member".
 */
export function nameHostsIn(why: string, hostUserIds: readonly string[], namesById: ReadonlyMap<string, string>): string {
  const ids = new Set<string>([...hostUserIds, ...namesById.keys()]);
  let named = why;
  // Longest first, so an id that is a prefix of another never replaces part of it.
  for (const id of [...ids].sort((a, b) => b.length - a.length)) {
    const name = namesById.get(id) ?? "a former member";
    named = named.split(`host ${id}`).join(name).split(id).join(name);
  }
  return named;
}
