// A delivery's state as a badge: a word and a small shape beside it, so the
// four states differ in more than colour. Drawn as SVG: a glyph may be missing
// from the reader's fonts.
import type { StateMark, StateView } from "./delivery-model";
import "./deliveries.css";

const MARK_PATH: Record<StateMark, string> = {
  check: "M3 8.5l3 3 7-7",
  cross: "M4 4l8 8M12 4l-8 8",
  dash: "M3.5 8h9",
  clock: "M8 2.5a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11M8 5v3.2l2 1.3",
  retry: "M12.5 8a4.5 4.5 0 1 1-1.3-3.2M12 2v3h-3",
};

export function StateBadge({ view }: { view: StateView }) {
  return (
    <span className={`badge state-badge ${view.tone || "neutral"}`}>
      <svg className="state-mark" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
        <path d={MARK_PATH[view.mark]} />
      </svg>
      {view.label}
    </span>
  );
}
