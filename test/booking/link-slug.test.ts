// A link made without a slug takes one from its title, spelled in Latin
// letters (core/slug.ts) rather than a silent "meeting"; the fallback is left
// only for scripts no table covers.
import { expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";

describeOnEngines("slugs from non-Latin titles", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "slug" } });
  const create = async (title: string) => {
    const response = await t.app.inject({ method: "POST", url: "/api/v1/links", headers: bearer(t.owner), payload: { title, durationsMin: [30] } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().slug as string;
  };

  it("transliterates Cyrillic and Greek titles and keeps them unique", async () => {
    expect(await create("Встреча с клиентом")).toBe("vstrecha-s-klientom");
    expect(await create("Встреча с клиентом")).toBe("vstrecha-s-klientom-2");
    expect(await create("Συνάντηση")).toBe("synantisi");
    expect(await create("Straße")).toBe("strasse");
  });

  it("falls back only where nothing can be spelled", async () => {
    expect(await create("会议")).toBe("meeting");
  });
});
