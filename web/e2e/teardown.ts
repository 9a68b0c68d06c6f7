// Removes the fresh data directory the server used (the server has stopped by now).
import { rmSync } from "node:fs";

export default function teardown() {
  const dataDir = process.env.CONVENE_E2E_DATA_DIR;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
