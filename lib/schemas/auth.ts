// Sign-up and sign-in inputs, shared by the forms and the server.
import { z } from "zod";
import { text } from "./text";

const COMMON_PASSWORDS = new Set([
  "password", "password1", "password123", "1234567890", "12345678910", "qwertyuiop", "iloveyou123",
  "letmein123", "welcome123", "abc1234567", "passw0rd123", "administrator", "0123456789",
]);

export const emailSchema = text()
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."))
  .transform((email) => email.toLowerCase());

export const newPasswordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.")
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), "That password is too common. Pick something less guessable.")
  .refine((p) => new Set(p).size >= 4, "Use a mix of more than three different characters.");

export const signUpInput = z
  .object({
    name: text().trim().min(1, "Tell us what to call you.").max(80, "Use at most 80 characters."),
    email: emailSchema,
    password: newPasswordSchema,
  })
  .strict();

export const signInInput = z
  .object({
    email: emailSchema,
    password: z.string().min(1, "Enter your password.").max(200),
  })
  .strict();

export const magicLinkInput = z.object({ email: emailSchema }).strict();

export type SignUpInput = z.infer<typeof signUpInput>;
export type SignInInput = z.infer<typeof signInInput>;
