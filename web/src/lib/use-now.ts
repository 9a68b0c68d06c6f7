// "Now" for screens that compare times with it (has the meeting started?),
// read once on mount and refreshed every minute, so renders stay pure.
import { useEffect, useState } from "react";

export function useNow(refreshMs = 60_000): number {
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs]);
  return nowMs;
}
