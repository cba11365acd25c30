import { postBySlugInput } from "@/lib/schemas/post";
import { findSlugRedirect } from "../../services/post-reads";
import { createTRPCRouter, publicProcedure } from "../init";

export const postReadRouter = createTRPCRouter({
  slugRedirect: publicProcedure.input(postBySlugInput).query(({ ctx, input }) => findSlugRedirect(ctx, input.handle, input.slug)),
});
