// Plural forms chosen by the language's own rules (Intl.PluralRules): French
// says "0 créneau", English "0 times". A catalogue gives "one" and "other" and
// the forms its language needs besides (Intl's categories, e.g. "many" in
// Spanish and French for big round numbers, where "other" is the fallback).

export type PluralForms = { one: string; other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

export function pluralOf(language: string): (count: number, forms: PluralForms) => string {
  const rules = new Intl.PluralRules(language);
  return (count, forms) => forms[rules.select(count)] ?? forms.other;
}
