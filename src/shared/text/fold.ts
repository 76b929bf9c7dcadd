/** Lower case without accents, so "José GONZÁLEZ" and "jose gonzalez" compare equal. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Only the digits, for matching phones and documents typed with or without punctuation. */
export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}
