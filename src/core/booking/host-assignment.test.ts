import { describe, expect, it } from "vitest";
import { nameHostsIn } from "./host-assignment.js";

describe("nameHostsIn", () => {
  const names = new Map([
    ["11111111-1111-4111-8111-111111111111", "Ana Lima"],
    ["22222222-2222-4222-8222-222222222222", "Bo Chen"],
  ]);

  it("replaces 'host <id>' with the host's name", () => {
    expect(nameHostsIn("host 11111111-1111-4111-8111-111111111111 has the fewest bookings this week (0; next fewest 1)", ["11111111-1111-4111-8111-111111111111"], names)).toBe(
      "Ana Lima has the fewest bookings this week (0; next fewest 1)",
    );
  });

  it("names a host who has left the organisation without showing their id", () => {
    const gone = "33333333-3333-4333-8333-333333333333";
    expect(nameHostsIn(`host ${gone} is the only free host`, [gone], names)).toBe("a former member is the only free host");
  });

  it("leaves sentences without ids as they are", () => {
    expect(nameHostsIn("every host of a collective link", [...names.keys()], names)).toBe("every host of a collective link");
  });
});
