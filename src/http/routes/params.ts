// Path parameters shared by resource routes. A malformed id answers 404 like an
// unknown one (see problem.ts): a 400 would tell a caller which ids look valid.
import { z } from "zod";

export const idParams = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
    .transform((id) => id.toLowerCase()),
});
