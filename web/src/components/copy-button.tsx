// Copies text (a booking address) to the clipboard and says so visibly and to
// screen readers. Falls back to a hidden textarea where the Clipboard API is
// missing: a self-hosted server on plain http over the LAN is not a secure context.
import { useEffect, useRef, useState } from "react";

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const isCopied = document.execCommand("copy");
  area.remove();
  if (!isCopied) throw new Error("copy refused");
}

export function CopyButton({ text, label = "Copy link", context, className = "button small" }: { text: string; label?: string; context?: string; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const copy = async () => {
    window.clearTimeout(timer.current);
    try {
      await copyText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
    timer.current = window.setTimeout(() => setState("idle"), 2500);
  };

  return (
    <>
      <button type="button" className={`${className} copy-button`} data-state={state} onClick={copy}>
        {state === "copied" ? "✓ Copied" : state === "failed" ? "Copy failed" : label}
        {context && state === "idle" ? <span className="visually-hidden"> {context}</span> : null}
      </button>
      <span className="visually-hidden" role="status">
        {state === "copied" ? "Copied to the clipboard." : state === "failed" ? "Could not copy; select the address and copy it yourself." : ""}
      </span>
    </>
  );
}
