// Asks before a dirty draft is left: a click on a link to another page (the top
// menu, Cancel) and the browser's Back past the wizard's first step are held
// and handed to the caller to confirm in-app; closing or reloading the tab gets
// the browser's own prompt (beforeunload: browsers show only their own words).
import { useEffect, useRef } from "react";

/** Where the owner was going, and how to go there once they agree. */
export type HeldLeave = { proceed(): void };

export function useLeaveGuard(isGuarding: boolean, onHold: (leave: HeldLeave) => void) {
  // The page the guard keeps; set once, so step changes (?step=…) are not leaving.
  const pathname = useRef(window.location.pathname);
  const hold = useRef(onHold);
  // The wizard's address as last rendered (with its ?step=), put back when Back is held.
  const lastHref = useRef(window.location.href);
  useEffect(() => {
    hold.current = onHold;
    lastHref.current = window.location.href;
  });

  useEffect(() => {
    if (!isGuarding) return;
    const here = pathname.current;
    let isLetThrough = false;

    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.("a[href]");
      if (!(anchor instanceof HTMLAnchorElement) || anchor.target === "_blank" || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin !== window.location.origin || url.pathname === here) return;
      // Before the router's own handler (React listens at its root, below document).
      event.preventDefault();
      event.stopPropagation();
      hold.current({
        proceed: () => {
          isLetThrough = true;
          window.history.pushState(null, "", url.pathname + url.search + url.hash);
          window.dispatchEvent(new PopStateEvent("popstate"));
        },
      });
    };

    // A capture listener on window runs before the router's (bubble) one, so the router never sees a held Back.
    const onPopState = (event: PopStateEvent) => {
      if (isLetThrough || window.location.pathname === here) return;
      event.stopImmediatePropagation();
      // Stay on the wizard: its entry is added again on top of where Back went, so going back once more leaves.
      window.history.pushState(null, "", lastHref.current);
      hold.current({
        proceed: () => {
          isLetThrough = true;
          window.history.back();
        },
      });
    };

    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    document.addEventListener("click", onClick, true);
    window.addEventListener("popstate", onPopState, true);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      document.removeEventListener("click", onClick, true);
      window.removeEventListener("popstate", onPopState, true);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [isGuarding]);
}
