// Joining a paged slots answer: the server answers a long window (or a very
// dense link) in pages, saying `truncated` and where to go on (`nextFrom`).
// No imports, so that server-side tests can run it as it is.

export type SlotWindowText = { from: string; to: string };
type PagedSlots<S> = { days: { date: string; slots: S[] }[]; truncated?: boolean; nextFrom?: string | null };

/** Pages followed at most for one window: a month of any link fits in one answer today; this only guards the loop. */
const MAX_PAGES = 12;

/** All the slots of a window, the pages joined; a date split across two pages becomes one. */
export async function fetchAllSlots<S, V extends PagedSlots<S>>(fetchPage: (window: SlotWindowText) => Promise<V>, window: SlotWindowText): Promise<V> {
  const first = await fetchPage(window);
  const days = first.days.map((day) => ({ ...day, slots: [...day.slots] }));
  let page: V = first;
  for (let pages = 1; page.truncated && page.nextFrom && Date.parse(page.nextFrom) < Date.parse(window.to) && pages < MAX_PAGES; pages += 1) {
    page = await fetchPage({ from: page.nextFrom, to: window.to });
    for (const day of page.days) {
      const last = days.at(-1);
      if (last?.date === day.date) last.slots.push(...day.slots);
      else days.push({ ...day, slots: [...day.slots] });
    }
  }
  return { ...first, days, truncated: false, nextFrom: null };
}
