// Today's date in a zone, read once when the component mounts: rules that
// depend on the date (a campaign's dates are over) stay pure and take it.
import { useState } from "react";
import { localDate } from "./time";

export function useToday(timeZone: string): string {
  const [mountedAtMs] = useState(() => Date.now());
  return localDate(mountedAtMs, timeZone);
}
