import { mediaImagesInput } from "@/lib/schemas/media";
import { listOwnImages } from "../../services/media-library";
import { createTRPCRouter, creatorProcedure } from "../init";

export const mediaRouter = createTRPCRouter({
  images: creatorProcedure.input(mediaImagesInput).query(({ ctx, input }) => listOwnImages(ctx, input)),
});
