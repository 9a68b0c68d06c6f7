// The wizard's unsaved draft kept in sessionStorage, so a reload (or a Back
// and Forward through another page) finds it where the owner left it. Per tab,
// per link ("new" for a link not saved yet); cleared on save or on leaving.
import type { Draft } from "./draft";

export type KeptDraft = { draft: Draft; furthest: number };

const keyOf = (linkId: string | undefined) => `convene.link-draft.${linkId ?? "new"}`;

export function readKeptDraft(linkId: string | undefined): KeptDraft | null {
  try {
    const text = window.sessionStorage.getItem(keyOf(linkId));
    if (!text) return null;
    const kept = JSON.parse(text) as Partial<KeptDraft>;
    // A draft from an older version of the wizard lacks fields: start afresh rather than break.
    return kept.draft && typeof kept.draft.title === "string" && Array.isArray(kept.draft.week) && typeof kept.furthest === "number" ? (kept as KeptDraft) : null;
  } catch {
    return null;
  }
}

export function keepDraft(linkId: string | undefined, kept: KeptDraft): void {
  try {
    window.sessionStorage.setItem(keyOf(linkId), JSON.stringify(kept));
  } catch {
    // Storage full or refused (private mode): the draft then lives only as long as the page.
  }
}

export function forgetDraft(linkId: string | undefined): void {
  try {
    window.sessionStorage.removeItem(keyOf(linkId));
  } catch {
    // Nothing kept.
  }
}
