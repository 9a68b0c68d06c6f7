// A searchable time-zone list (WAI-ARIA combobox with a listbox popup) over
// every zone the browser knows, each with its current offset. Typing filters
// by place, region or offset ("tokyo", "new york", "gmt+5:30").
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from "react";
import { allTimeZones, filterZones, zoneEntries, zoneLabel, zoneName } from "../lib/time";
import { useI18n } from "./i18n/i18n";

function optionIdOf(id: string, zone: string): string {
  return `${id}-${zone.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

export function TimeZonePicker({ value, onChange, label }: { value: string; onChange(timeZone: string): void; label?: string }) {
  const { t } = useI18n();
  const id = useId();
  const listId = `${id}-list`;
  const [isOpen, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [activeIndex, setActiveIndex] = useState(0);
  const options = useMemo(() => (isOpen ? zoneEntries(value) : []), [isOpen, value]);
  const shown = useMemo(() => filterZones(options, query), [options, query]);
  const active = shown[Math.min(activeIndex, shown.length - 1)];
  const optionId = (zone: string) => optionIdOf(id, zone);

  useEffect(() => {
    if (active) document.getElementById(optionIdOf(id, active.zone))?.scrollIntoView({ block: "nearest" });
  }, [active, id]);

  const open = (nextQuery = "") => {
    setQuery(nextQuery);
    setOpen(true);
    setActiveIndex(nextQuery ? 0 : Math.max(0, allTimeZones().indexOf(value)));
  };
  const close = () => {
    setOpen(false);
    setQuery("");
  };
  const choose = (zone: string) => {
    close();
    if (zone !== value) onChange(zone);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const move = (index: number) => {
      event.preventDefault();
      if (!isOpen) return open();
      setActiveIndex(Math.max(0, Math.min(shown.length - 1, index)));
    };
    const current = active ? shown.indexOf(active) : 0;
    switch (event.key) {
      case "ArrowDown":
        return move(current + 1);
      case "ArrowUp":
        return move(current - 1);
      case "PageDown":
        return move(current + 10);
      case "PageUp":
        return move(current - 10);
      case "Enter":
        if (isOpen && active) {
          event.preventDefault();
          choose(active.zone);
        }
        return;
      case "Escape":
        if (isOpen) {
          event.preventDefault();
          close();
        }
        return;
    }
  };

  return (
    <div className="tz-picker field">
      <label htmlFor={id}>{label ?? t.timeZone}</label>
      <div className="tz-combo">
        <input
          id={id}
          type="text"
          role="combobox"
          aria-expanded={isOpen}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={isOpen && active ? optionId(active.zone) : undefined}
          autoComplete="off"
          spellCheck={false}
          value={isOpen ? query : zoneLabel(value)}
          placeholder={isOpen ? t.zoneSearchExample(zoneName(value).split("/").pop() ?? "") : undefined}
          onClick={() => !isOpen && open()}
          onChange={(event) => open(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={close}
        />
        <span className="tz-chevron" aria-hidden="true">
          ▾
        </span>
        <ul id={listId} role="listbox" aria-label={t.timeZones} className="tz-list" hidden={!isOpen}>
          {shown.map((option) => (
            <li
              key={option.zone}
              id={optionId(option.zone)}
              role="option"
              aria-selected={option === active}
              className={option.zone === value ? "is-current" : undefined}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(option.zone)}
            >
              <span>{option.name}</span>
              <span className="muted">{option.offset}</span>
            </li>
          ))}
          {isOpen && shown.length === 0 && (
            <li role="option" aria-selected={false} aria-disabled="true" className="muted">
              {t.noZoneMatches(query)}
            </li>
          )}
        </ul>
      </div>
      <p className="visually-hidden" role="status">
        {isOpen ? t.zoneCount(shown.length) : ""}
      </p>
    </div>
  );
}
