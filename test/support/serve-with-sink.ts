// `convene serve` with one more delivery channel, the test sink (SINK_URL):
// Convene's own wiring (src/main.ts) plus one registration line.
import { readConfig } from "../../src/config.js";
import { createLogger, defaultChannels, serve } from "../../src/main.js";
import { sinkChannel } from "./sink-channel.js";

const config = readConfig();
const server = await serve(config, createLogger(config), (deps) => [...defaultChannels(deps), sinkChannel(process.env["SINK_URL"]!)]);
console.log(`Convene is running at ${server.url}`);
process.on("SIGTERM", () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
