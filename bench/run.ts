// Benchmark dispatcher for `npm run bench -- NAME [options]`: runs bench/NAME.ts's main with the remaining arguments.
const BENCHMARKS: Record<string, () => Promise<{ main: (argv: readonly string[]) => Promise<number> }>> = {
  availability: () => import("./availability.js"),
  "booking-race": () => import("./booking-race.js"),
  calendars: () => import("./calendars.js"),
  http: () => import("./http.js"),
  inbound: () => import("./inbound.js"),
  mail: () => import("./mail.js"),
  mcp: () => import("./mcp.js"),
  "slot-load": () => import("./slot-load.js"),
  web: () => import("./web.js"),
  webhooks: () => import("./webhooks.js"),
};

const [name, ...rest] = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === "--"));
const load = name === undefined ? undefined : BENCHMARKS[name];
if (load === undefined) {
  console.error(`Usage: npm run bench -- <${Object.keys(BENCHMARKS).join("|")}> [options]`);
  process.exitCode = 2;
} else {
  process.exitCode = await (await load()).main(rest);
}
