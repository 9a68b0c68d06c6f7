// Suggestions from the owner's connected Google and Microsoft accounts while
// they type a one-time link's recipient: a combobox input (ARIA 1.2 pattern:
// arrow keys move, Enter picks, Escape closes; a tap picks) over the
// debounced GET /contacts/suggestions. Picking fills both name and email.
// Without connected accounts the list simply never opens.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState, type InputHTMLAttributes } from "react";
import { api, unwrap, type paths } from "../../api/client";
import type { ControlProps } from "../../components/form-field";

export type ContactSuggestion = paths["/api/v1/contacts/suggestions"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

/** The server refuses shorter queries (CONTACT_QUERY_TOO_SHORT). */
const MIN_QUERY_CHARS = 3;
const DEBOUNCE_MS = 250;

function useDebounced(value: string, delayMs: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

function useContactSuggestions(text: string, isEnabled: boolean) {
  const query = useDebounced(text.trim(), DEBOUNCE_MS);
  return useQuery({
    queryKey: ["contacts", "suggestions", query],
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/contacts/suggestions", { params: { query: { q: query } }, signal })).then((answer) => answer.items),
    enabled: isEnabled && [...query].length >= MIN_QUERY_CHARS,
    staleTime: 60_000,
    // Suggestions are a convenience: a failure shows nothing rather than an error.
    retry: false,
  });
}

type Props = {
  control: ControlProps;
  value: string;
  onChange(value: string): void;
  onPick(suggestion: ContactSuggestion): void;
  inputProps?: InputHTMLAttributes<HTMLInputElement>;
};

export function ContactInput({ control, value, onChange, onPick, inputProps }: Props) {
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const suggestions = useContactSuggestions(value, isOpen);
  const items = isOpen && [...value.trim()].length >= MIN_QUERY_CHARS ? (suggestions.data ?? []) : [];
  const listId = `${control.id}-suggestions`;
  const optionId = (index: number) => `${listId}-${index}`;
  const isExpanded = items.length > 0;

  const pick = (suggestion: ContactSuggestion) => {
    onPick(suggestion);
    setIsOpen(false);
    setActive(-1);
  };

  return (
    <div className="contact-input">
      <input
        {...control}
        {...inputProps}
        value={value}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={isExpanded}
        aria-controls={listId}
        aria-activedescendant={isExpanded && active >= 0 ? optionId(active) : undefined}
        onChange={(event) => {
          onChange(event.target.value);
          setIsOpen(true);
          setActive(-1);
        }}
        onBlur={() => setIsOpen(false)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            if (!isExpanded) {
              setIsOpen(true);
              return;
            }
            event.preventDefault();
            const step = event.key === "ArrowDown" ? 1 : -1;
            setActive((current) => (current + step + items.length) % items.length);
          } else if (event.key === "Enter" && isExpanded && active >= 0) {
            // Picks the highlighted person instead of submitting the form.
            event.preventDefault();
            pick(items[active]!);
          } else if (event.key === "Escape" && isExpanded) {
            event.preventDefault();
            setIsOpen(false);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label="Suggested contacts" className="contact-suggestions" hidden={!isExpanded}>
        {items.map((suggestion, index) => (
          <li
            key={suggestion.email}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className="contact-suggestion"
            // Keeps focus in the input so blur does not close the list before the pick.
            onPointerDown={(event) => event.preventDefault()}
            onClick={() => pick(suggestion)}
          >
            <span className="contact-suggestion-name">{suggestion.name || suggestion.email}</span>
            <span className="muted small">
              {suggestion.name ? `${suggestion.email} · ` : ""}
              {suggestion.source === "google" ? "Google" : "Microsoft"}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
