import { en } from './en.ts';
import { th } from './th.ts';

export const LANGUAGES = ['th', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export type MessageKey = keyof typeof th;

const catalogues: Record<Lang, Record<MessageKey, string>> = { th, en };

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(th, value);
}

export function isLang(value: unknown): value is Lang {
  return value === 'th' || value === 'en';
}

/** The message for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogues[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  return (key, params) => translate(lang, key, params);
}
