#!/usr/bin/env node
// Entry point for `npm start` and `npx convene …`: builds if the sources changed, then runs the CLI.
import { ensureBuilt } from "../scripts/build.mjs";

ensureBuilt();
await import("../dist/cli/convene.js");
