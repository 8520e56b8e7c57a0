import { z } from 'zod';

// The server's rule, mirrored: at least 10 characters, mixing letters with a
// digit or a symbol. The server has the last word and answers with field errors.
export const PASSWORD_HINT = 'Mínimo de 10 caracteres, misturando letras com números ou símbolos.';

export const passwordSchema = z
  .string()
  .min(10, 'A senha precisa ter pelo menos 10 caracteres.')
  .refine((value) => /\p{L}/u.test(value) && /[^\p{L}]/u.test(value), {
    message: 'Misture letras com pelo menos um número ou símbolo.',
  });
