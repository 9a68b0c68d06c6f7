// UTM parameters a booking page is opened with (an embedding site passes its
// own through embed.js), kept with the page view so link analytics can say
// which campaign brought a visit.

export const UTM_KEYS = ["source", "medium", "campaign", "term", "content"] as const;
export type UtmKey = (typeof UTM_KEYS)[number];
export type UtmParameters = Partial<Record<UtmKey, string>>;

/** Longest value kept per parameter: campaign names, not documents. */
export const MAX_UTM_CHARS = 200;

/** The non-empty utm_* values of a query (trimmed, cut to MAX_UTM_CHARS), or null when there are none. */
export function utmOf(query: Partial<Record<`utm_${UtmKey}`, string | undefined>>): UtmParameters | null {
  const utm: UtmParameters = {};
  for (const key of UTM_KEYS) {
    const value = query[`utm_${key}`]?.trim().slice(0, MAX_UTM_CHARS);
    if (value) utm[key] = value;
  }
  return Object.keys(utm).length > 0 ? utm : null;
}
