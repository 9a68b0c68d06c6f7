// Runs every availability benchmark case (../shared/bench/availability/cases)
// through the same conversion the benchmark times and compares with expected/
// exactly. Skipped, saying why, where the shared bench folder is absent.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { answerCase, readJsonFile, type AvailabilityCase } from "../bench/availability-case.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const benchDir = path.resolve(repoRoot, "../shared/bench/availability");
const casesDir = path.join(benchDir, "cases");
const hasCases = existsSync(casesDir);
const caseFiles = hasCases ? readdirSync(casesDir).filter((name) => name.endsWith(".json")).sort() : [];

describe.skipIf(!hasCases)(hasCases ? `availability bench cases in ${benchDir}` : `availability bench cases: SKIPPED, ${casesDir} does not exist`, () => {
  it("finds the cases", () => {
    expect(caseFiles.length).toBeGreaterThan(0);
  });

  for (const file of caseFiles) {
    it(file, () => {
      const availabilityCase = readJsonFile<AvailabilityCase>(path.join(casesDir, file));
      const expected = readJsonFile<string[]>(path.join(benchDir, "expected", file));
      expect(answerCase(availabilityCase)).toEqual(expected);
    });
  }
});
