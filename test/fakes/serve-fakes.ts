// Runs the Google and Microsoft fakes for the browser test (playwright.config
// starts it beside Convene): `tsx test/fakes/serve-fakes.ts <Convene's public URL>`.
// Stops on SIGTERM or SIGINT.
import { startBrowserFakes } from "./browser-fakes.js";

const publicUrl = process.argv[2];
if (!publicUrl) {
  console.error("usage: serve-fakes.ts <Convene's public URL>");
  process.exit(2);
}
const fakes = await startBrowserFakes(publicUrl.replace(/\/+$/, ""));
console.log(`google fake at ${fakes.google.authUrl}, microsoft fake at ${fakes.microsoft.authorityUrl}`);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    void fakes.stop().finally(() => process.exit(0));
  });
}
