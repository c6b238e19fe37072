/**
 * The message catalogue: one set of keys, worded in English, French and Spanish,
 * and the Voice a use case speaks through for one reader (their language, their
 * time zone). Adapters never hold a sentence; they render what a Voice produced.
 */
import type { CommandProblem } from '../../domain/command';
import { PreLetterError, type ErrorCode, type Say } from '../../domain/errors';
import type { ActionNote } from '../../domain/lifecycle';
import type { Segment } from '../ports';
import { en } from './en';
import { es } from './es';
import { formatsFor, languageOf, type Formats, type Language } from './format';
import { fr } from './fr';
import { asSegments, plainOf, type Text } from './text';

/** Why: the shape every language must have; TypeScript refuses a language with a key missing or wrongly typed. */
export type Catalogue = typeof en;

/** A catalogue key. */
export type MessageKey = keyof Catalogue;

type ArgsOf<K extends MessageKey> = Parameters<Catalogue[K]> extends [] ? Record<never, never> : Parameters<Catalogue[K]>[0];

/** Why: a sentence not yet worded: its key and values, so each reader gets it in their own language. */
export type Message = { [K in MessageKey]: { key: K } & ArgsOf<K> }[MessageKey];

/** Why: the catalogues by language, for the voice and for the completeness test. */
export const CATALOGUES: Record<Language, Catalogue> = { en, fr, es };

/** Why: who a sentence is for: the language of their directory locale and the zone their moments are shown in. */
export interface Reader {
  locale?: string;
  zone: string;
}

/** Why: one reader's words: each entry in their language, moments in their zone with the zone named. */
export interface Voice extends Formats {
  /** A catalogue entry, typed by its key: labels are strings, sentences are segments. */
  t<K extends MessageKey>(key: K, ...args: Parameters<Catalogue[K]> extends [] ? [] : [ArgsOf<K>]): ReturnType<Catalogue[K]>;
  /** A message (as carried by an error or a decision) as a paragraph. */
  say(message: Say): Segment[];
  /** A message as plain text: for labels, and where no command can appear. */
  plain(message: Say): string;
}

function isKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** Why: the voice for one reader; unknown locales read English, an unknown key reads as the internal-error sentence. */
export function voiceFor(reader: Reader): Voice {
  const formats = formatsFor(languageOf(reader.locale), reader.zone);
  const catalogue = CATALOGUES[formats.language];
  const word = (message: Say): Text => {
    const key = isKey(message.key) ? message.key : 'error.internal';
    const entry = catalogue[key] as (args: unknown, f: Formats) => Text;
    return entry(message, formats);
  };
  return {
    ...formats,
    t: ((key: MessageKey, args?: object) => word({ key, ...(args ?? {}) })) as Voice['t'],
    say: (message) => asSegments(word(message)),
    plain: (message) => plainOf(word(message)),
  };
}

/** Why: English for operators' eyes (logs, the CLI, tests): the same words a person with no locale reads. */
export const ENGLISH: Voice = voiceFor({ zone: 'Europe/Zurich' });

/**
 * Why: the one way the core refuses with words for the person: the message travels with
 * the error, so the adapter's error sink words it for whoever acted, in their language.
 */
export function refusal(code: ErrorCode, message: Message, context: Record<string, unknown> = {}): PreLetterError {
  return new PreLetterError(code, ENGLISH.plain(message), context, { say: message });
}

type Worded<T extends Message> = T;
/** Why: the domain names its sentences by key; this stops compiling if the catalogue lacks one or takes other values. */
export type DomainMessages = Worded<CommandProblem | ActionNote>;
