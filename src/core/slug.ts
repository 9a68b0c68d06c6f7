// The readable URL segment made from a name or title (a link's slug, a handle):
// letters in other scripts are spelled in Latin where a table can do it, so
// "Встреча" gives "vstrecha", not nothing. Scripts no table covers (Chinese,
// Japanese, Arabic…) give "": the caller asks the owner for one instead.

/**
 * Letters NFKD does not split into a Latin base and marks, and the Cyrillic and
 * Greek alphabets (Russian, Ukrainian, Belarusian, Serbian; modern Greek) in a
 * plain, common romanisation. Keys are lower case; looked up before NFKD so
 * that "й" and "ё" are not first cut down to "и" and "е".
 */
const LETTERS: Readonly<Record<string, string>> = {
  ß: "ss", æ: "ae", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", œ: "oe", ı: "i", ħ: "h", ŋ: "ng",
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l", м: "m",
  н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch",
  ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya", є: "ye", і: "i", ї: "yi", ґ: "g", ў: "u",
  ђ: "dj", ј: "j", љ: "lj", њ: "nj", ћ: "c", џ: "dz",
  α: "a", β: "v", γ: "g", δ: "d", ε: "e", ζ: "z", η: "i", θ: "th", ι: "i", κ: "k", λ: "l", μ: "m", ν: "n", ξ: "x",
  ο: "o", π: "p", ρ: "r", σ: "s", ς: "s", τ: "t", υ: "y", φ: "f", χ: "ch", ψ: "ps", ω: "o",
  ά: "a", έ: "e", ή: "i", ί: "i", ό: "o", ύ: "y", ώ: "o", ϊ: "i", ϋ: "y", ΐ: "i", ΰ: "y",
};

/** The text spelled in Latin letters as far as the table and NFKD go; what is left of other scripts stays. */
export function transliterate(text: string): string {
  const mapped = Array.from(text.toLowerCase(), (char) => LETTERS[char] ?? char).join("");
  return mapped.normalize("NFKD").replace(/\p{M}+/gu, "");
}

/**
 * Lower-case Latin letters, digits and single inner dashes, at most maxLength
 * characters; "" when nothing in the text can be spelled that way.
 */
export function slugify(text: string, maxLength: number): string {
  return transliterate(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/g, "");
}
