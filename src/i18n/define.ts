/** A feature's messages in both languages; English must have exactly the Thai keys. */
export function defineMessages<const T extends Record<string, string>>(th: T, en: Record<keyof T, string>) {
  return { th, en };
}
