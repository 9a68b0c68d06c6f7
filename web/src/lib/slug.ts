// A link's slug made from its title, spelled exactly as the server spells it: the
// same pure code (src/core/slug.ts), so the wizard shows the address the link will get.
import { slugify } from "../../../src/core/slug.js";

/** Lower-case Latin letters, digits and inner dashes, up to 64; "" when the title has nothing that can be spelled so (Chinese…). */
export function slugFromTitle(title: string): string {
  return slugify(title, 64);
}
