// Who hosts a link, as the wizard's Hosts step holds it: the mode, the hosts,
// round-robin weight and priority as typed text, and whose hours apply. Pure:
// made from a saved link, turned into the link body, checked before moving on.
import type { Link, LinkBody } from "../link-api";
import type { FieldErrors } from "./draft-rules";

export type HostMode = Link["hostMode"];
export type HostHours = Link["hostHours"];

export type TeamDraft = {
  hostMode: HostMode;
  /** Empty on a new link: the owner alone (the server's default). */
  hostUserIds: string[];
  /** Per host, as typed; hosts without an entry have weight 1 and priority 0. */
  settings: Record<string, { weight: string; priority: string }>;
  hostHours: HostHours;
};

/** The server's limits (core/booking/link-options.ts), said before saving. */
export const MAX_HOST_WEIGHT = 100;
export const MAX_HOST_PRIORITY = 10;

export const MODE_SENTENCES: Record<HostMode, { label: string; sentence: string }> = {
  single: { label: "One host", sentence: "One person hosts every meeting; invitees see that person's free times." },
  collective: { label: "Collective", sentence: "Every host joins each meeting; only times when all of them are free are offered." },
  round_robin: { label: "Round robin", sentence: "Each meeting goes to one free host: higher priority first, then bookings shared by weight." },
};

export function newTeam(): TeamDraft {
  return { hostMode: "single", hostUserIds: [], settings: {}, hostHours: "link" };
}

export function teamFromLink(link: Pick<Link, "hostMode" | "hostUserIds" | "hostSettings" | "hostHours">): TeamDraft {
  return {
    hostMode: link.hostMode,
    hostUserIds: [...link.hostUserIds],
    settings: Object.fromEntries(link.hostSettings.map((setting) => [setting.userId, { weight: String(setting.weight), priority: String(setting.priority) }])),
    hostHours: link.hostHours,
  };
}

const whole = (text: string, fallback: number) => (text.trim() === "" ? fallback : Number.parseInt(text.trim(), 10));

/** The link body's host fields; settings only for round robin, and only where they differ from weight 1, priority 0. */
export function teamBodyOf(team: TeamDraft): Pick<LinkBody, "hostMode" | "hostUserIds" | "hostSettings" | "hostHours"> {
  const hostSettings =
    team.hostMode === "round_robin"
      ? team.hostUserIds
          .map((userId) => ({ userId, weight: whole(team.settings[userId]?.weight ?? "", 1), priority: whole(team.settings[userId]?.priority ?? "", 0) }))
          .filter((setting) => setting.weight !== 1 || setting.priority !== 0)
      : [];
  return {
    hostMode: team.hostMode,
    ...(team.hostUserIds.length > 0 ? { hostUserIds: team.hostUserIds } : {}),
    hostSettings,
    hostHours: team.hostHours,
  };
}

const isWholeIn = (text: string, min: number, max: number) => text.trim() === "" || (/^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max);

/** Field keys: "hostUserIds", "hostSettings.<userId>.weight", "hostSettings.<userId>.priority". */
export function checkTeam(team: TeamDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (team.hostMode === "single" && team.hostUserIds.length > 1) errors["hostUserIds"] = "A one-host link has exactly one host; choose collective or round robin for a team.";
  if (team.hostMode !== "single" && team.hostUserIds.length < 2) errors["hostUserIds"] = "Choose at least two hosts for a team link.";
  if (team.hostMode === "round_robin") {
    for (const userId of team.hostUserIds) {
      const setting = team.settings[userId];
      if (setting && !isWholeIn(setting.weight, 1, MAX_HOST_WEIGHT)) errors[`hostSettings.${userId}.weight`] = `Weight is a whole number from 1 to ${MAX_HOST_WEIGHT}.`;
      if (setting && !isWholeIn(setting.priority, 0, MAX_HOST_PRIORITY)) errors[`hostSettings.${userId}.priority`] = `Priority is a whole number from 0 to ${MAX_HOST_PRIORITY}.`;
    }
  }
  return errors;
}
