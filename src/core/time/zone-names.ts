// Time-zone names as people know them today: old IANA names (Asia/Calcutta,
// Europe/Kiev, Asia/Saigon, US/Eastern) become the current ones, and a search
// finds a zone by city, old name, region or country ("Kolkata", "Calcutta",
// "India"). Shared by the server (what is stored and mailed) and the web app
// (every zone control), because ICU still answers the old names.
import { COUNTRY_NAMES, ZONE_ALIASES, ZONE_COUNTRIES } from "./zone-data.js";

/** The name IANA uses today for a zone ("Asia/Calcutta" → "Asia/Kolkata"); other names pass through unchanged. */
export function canonicalTimeZone(zone: string): string {
  return Object.hasOwn(ZONE_ALIASES, zone) ? ZONE_ALIASES[zone]! : zone;
}

/** A list of zones (e.g. Intl.supportedValuesOf) with current names, each once, in the given order. */
export function canonicalTimeZones(zones: readonly string[]): string[] {
  return [...new Set(zones.map(canonicalTimeZone))];
}

let oldNamesByZone: Map<string, string[]> | undefined;

function oldNamesOf(zone: string): string[] {
  if (!oldNamesByZone) {
    oldNamesByZone = new Map();
    for (const [alias, target] of Object.entries(ZONE_ALIASES)) oldNamesByZone.set(target, [...(oldNamesByZone.get(target) ?? []), alias]);
  }
  return oldNamesByZone.get(zone) ?? [];
}

/** The countries that keep a zone's clock, by name ("Asia/Kolkata" → ["India"]). */
export function zoneCountries(zone: string): string[] {
  const codes = ZONE_COUNTRIES[canonicalTimeZone(zone)];
  return codes ? codes.split(" ").map((code) => COUNTRY_NAMES[code] ?? code) : [];
}

/** Lower case, accents and separators removed: "Côte d'Ivoire" and "cote divoire" meet, "Ho_Chi_Minh" is "ho chi minh". */
export function searchableText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[_/(),]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Everything a zone can be found by: its name, its old names, and its countries. */
export function zoneSearchText(zone: string): string {
  const current = canonicalTimeZone(zone);
  return searchableText([current, ...oldNamesOf(current), ...zoneCountries(current)].join(" "));
}

/**
 * The entries whose search text contains every word of the query ("ho chi",
 * "india", "new york", "gmt+5:30"), those where each word is a whole word or a
 * word's start first ("India" before "Indiana"), otherwise in the given order.
 */
export function searchZones<T extends { searchText: string }>(entries: T[], query: string): T[] {
  const words = searchableText(query).split(" ").filter(Boolean);
  if (words.length === 0) return entries;
  const ranked: { entry: T; score: number }[] = [];
  for (const entry of entries) {
    let score = 0;
    for (const word of words) {
      const at = entry.searchText.indexOf(word);
      if (at < 0) {
        score = -1;
        break;
      }
      score += wordScore(entry.searchText, word, at);
    }
    if (score >= 0) ranked.push({ entry, score });
  }
  return ranked.sort((a, b) => b.score - a.score).map(({ entry }) => entry);
}

/** 2 for a whole word somewhere, 1 for a word's start, 0 for inside a word. */
function wordScore(text: string, word: string, firstAt: number): number {
  let best = 0;
  for (let at = firstAt; at >= 0 && best < 2; at = text.indexOf(word, at + 1)) {
    if (at > 0 && text[at - 1] !== " ") continue;
    const end = at + word.length;
    best = Math.max(best, end === text.length || text[end] === " " ? 2 : 1);
  }
  return best;
}
