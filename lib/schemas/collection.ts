// Inputs for collections: ordered series of a creator's posts.
import { z } from "zod";
import { idSchema, text } from "./text";

/** A series longer than this is an archive, not a collection. */
export const MAX_COLLECTION_POSTS = 500;

const titleSchema = text().trim().min(1, "Give the collection a title.").max(120, "Keep the title under 120 characters.");
const descriptionSchema = text().trim().max(1_000, "Keep the description under 1,000 characters.");

export const createCollectionInput = z.object({ title: titleSchema, description: descriptionSchema.default("") }).strict();

export const updateCollectionInput = z.object({ id: idSchema, title: titleSchema, description: descriptionSchema }).strict();

export const collectionIdInput = z.object({ id: idSchema }).strict();

/** The collection's posts as the creator now wants them, in order. */
export const setCollectionPostsInput = z
  .object({ id: idSchema, postIds: z.array(idSchema).max(MAX_COLLECTION_POSTS, `A collection holds at most ${MAX_COLLECTION_POSTS} posts.`) })
  .strict();

export const collectionByAddressInput = z.object({ handle: text().max(64), slug: text().max(200) }).strict();

export const collectionPlacesInput = z.object({ postId: idSchema }).strict();
