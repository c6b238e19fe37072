/**
 * The turn contract: what a person does in a chat (types a command, replies in a letter's
 * thread, clicks a card button, submits the preview form) and what comes of it (what that
 * person alone is told, what the letter becomes), written once against an abstract subject.
 * Each platform's subject drives its adapter through the platform's real SDK entry point
 * over HTTP, against the real database and a local fake of the platform's API:
 * Slack: test/contract/support/slack-turn-subject.ts; Teams: test/contract/support/teams-turn-subject.ts.
 *
 * The rules these turns share live once in the core (src/bot/shared-decisions.ts,
 * src/bot/preview-form.ts) and in adapters/shared/turn.ts; this suite proves both adapters
 * behave by them. Where a platform answers differently by design, its subject declares
 * how (TurnSubject.differences), and the tests hold it to that declaration.
 */
import { DateTime } from 'luxon';
import { voiceFor, type Message, type Voice } from '../../src/bot/messages/catalogue';
import type { PreviewField } from '../../src/bot/preview-form';
import type { ActionId, LetterActionId, Segment } from '../../src/bot/ports';
import { BUTTON_USE_CASES, earliestFormDate, isAckReply } from '../../src/bot/shared-decisions';
import { parseCommand } from '../../src/domain/command';
import { deriveStatus } from '../../src/domain/lifecycle';
import type { AuditAction, FactName, Letter, LetterStatus, Platform } from '../../src/domain/types';
import { TEST_DIRECTORY } from '../support/test-directory';
import type { PlatformDelivery } from './chat-platform-contract';

/** The people of the test directory by key, plus someone the directory does not know. */
export type Person = 'mara' | 'tom' | 'ana' | 'wei' | 'bea' | 'dana' | 'eli' | 'kai' | 'root' | 'stranger';

/** What a person enters in the preview form, in neutral terms (the subject writes it as its platform sends it). */
export interface FormValues {
  type?: string;
  topics?: string[];
  summary?: string;
  expectedDate?: string;
  urgent?: boolean;
}

/** A preview form that was opened for one person, and what it offers them. */
export interface OpenedForm {
  person: Person;
  /** Letter type codes, in the order offered. */
  types: string[];
  /** Topics, as the person reads them, in the order offered. */
  topics: string[];
  /** Whether the form asks which mandate the letter comes from. */
  asksForMandate: boolean;
  /** The subject's own key for this form. */
  key: string;
}

/** What one turn ended in, for the person who acted. */
export interface TurnAnswer {
  /** Every answer shown to that person alone during the turn, oldest first, each as the words they read. */
  told: string[];
  /** The preview form, when the turn opened one for them. */
  form?: OpenedForm;
}

/** What a preview form submission ended in. */
export interface FormAnswer extends TurnAnswer {
  /** When the form was shown again to be corrected: the problem written under each field. */
  problems?: Partial<Record<PreviewField, string>>;
}

/** What a person is told when something reaches PreLetter a second time: a catalogue message, or nothing. */
export type RepeatAnswer = Message | 'nothing';

/**
 * Where a platform answers differently by design. Each is reported, and the tests in
 * "where the platforms answer differently" hold the subject to what it declares here.
 */
export interface DeclaredDifferences {
  /**
   * A topic the form did not offer: 'field' shows the problem under the topics field and
   * keeps the form (Teams, whose inputs come back through the client); 'refusal' tells the
   * person after the form closed (Slack, which only returns options it showed, so such a
   * topic can only be one that left the directory while the form was open).
   */
  unofferedTopic: 'field' | 'refusal';
  /** What a person is told when the platform delivers the same click a second time. */
  repeatedClick: RepeatAnswer;
  /** What a person is told when the same preview form is submitted a second time. */
  repeatedForm: RepeatAnswer;
}

/** One platform's adapter, driven through its SDK over HTTP, with the store behind it. */
export interface TurnSubject {
  platform: Platform;
  /** The person types a PreLetter command in the company's bound channel (Slack: `/preletter …`; Teams: `@PreLetter …`). */
  command(person: Person, text: string): Promise<TurnAnswer>;
  /**
   * The person replies in the letter's thread; `toTheBot`: the reply mentions the bot. Both adapters
   * read both kinds, but Teams delivers a channel reply to a bot only when it mentions the bot
   * (the Teams manifest asks for no resource-specific consent), so there only `toTheBot` replies occur.
   */
  replyInThread(person: Person, ref: string, text: string, options?: { toTheBot?: boolean }): Promise<TurnAnswer>;
  /** The person clicks a button on the letter's card in the bound channel. */
  click(person: Person, action: ActionId, ref: string): Promise<TurnAnswer>;
  /** The form's person submits it with these values. */
  submitForm(form: OpenedForm, values: FormValues): Promise<FormAnswer>;
  /** The platform delivers the last request once more, unchanged (same ids), as a retry would. */
  deliverAgain(): Promise<TurnAnswer>;
  /** How this platform writes one paragraph of a catalogue message, as the person reads it (its command style). */
  paragraph(segments: Segment[]): string;
  /** The letter as stored. */
  letter(ref: string): Promise<Letter>;
  /** Every letter reference in the store, sorted. */
  refs(): Promise<string[]>;
  now(): Date;
  /** Everything the adapter made the platform show so far, in ChatPlatform contract terms. */
  deliveries(): PlatformDelivery[];
  differences: DeclaredDifferences;
  close(): Promise<void>;
}

/** A person's voice, as the directory describes them (their language and zone). */
export function voiceOf(person: Person): Voice {
  const p = TEST_DIRECTORY.people.find((x) => x.key === person);
  if (!p) throw new Error(`${person} is not in the test directory`);
  return voiceFor({ ...(p.locale ? { locale: p.locale } : {}), zone: p.timeZone ?? 'Europe/Zurich' });
}

/** A letter's state in neutral terms: its status, who set each fact, and the lifecycle lines of its audit trail. */
export interface LetterState {
  status: LetterStatus;
  facts: Partial<Record<FactName, string>>;
  recorded: string[];
}

const FACTS: FactName[] = ['acknowledged', 'formalSent', 'replied', 'withdrawn'];
const LIFECYCLE: AuditAction[] = ['acknowledged', 'formal-sent', 'replied', 'withdrawn'];

export function stateOf(letter: Letter, now: Date): LetterState {
  const facts: Partial<Record<FactName, string>> = {};
  for (const fact of FACTS) if (letter[fact]) facts[fact] = letter[fact]!.by;
  return {
    status: deriveStatus(letter, now),
    facts,
    recorded: letter.audit.filter((a) => LIFECYCLE.includes(a.action)).map((a) => `${a.action} by ${a.by}`),
  };
}

/** A valid form: an allegation letter on a topic routed to Ana and Wei. */
const VALID: FormValues = { type: 'AL', topics: ['content-moderation'], summary: 'Takedown of protest footage before the election.', urgent: false };

/** The day before `day` (yyyy-mm-dd). */
function dayBefore(day: string): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).minus({ days: 1 }).toISODate()!;
}

/** Replies `isAckReply` accepts: `ack` alone, any case, a full stop allowed, spaces around. */
const ACK_REPLIES = ['ack', 'Ack.', 'ACK', '  ack  ', 'aCk.'];
/** Replies it refuses: other words, other punctuation, anything more. */
const NOT_ACK_REPLIES = ['acknowledged', 'ACK!', 'Ack..', 'ack please', 'nack', 'ack PL-2026-0001', 'Thanks, looking into it'];
/** The same, said to the bot, where each is a command PreLetter cannot run (`ack PL-…` is one it can: the `ack` command for that letter). */
const NOT_ACK_COMMANDS = NOT_ACK_REPLIES.filter((text) => !text.startsWith('ack PL-'));

interface ButtonCase {
  action: ActionId;
  /** Clicks that bring the letter to where this button applies. */
  before: Array<[Person, ActionId]>;
  person: Person;
  expected: LetterState;
}

/** One case per button in BUTTON_USE_CASES: who presses it on a letter where it applies, and what the letter becomes. */
const BUTTON_CASES: Record<LetterActionId, ButtonCase> = {
  acknowledge: {
    action: 'acknowledge',
    before: [],
    person: 'ana',
    expected: { status: 'acknowledged', facts: { acknowledged: 'ana' }, recorded: ['acknowledged by ana'] },
  },
  'mark-sent': {
    action: 'mark-sent',
    before: [],
    person: 'tom',
    expected: { status: 'awaiting-reply', facts: { formalSent: 'tom' }, recorded: ['formal-sent by tom'] },
  },
  'record-reply': {
    action: 'record-reply',
    before: [['tom', 'mark-sent']],
    person: 'mara',
    expected: { status: 'replied', facts: { formalSent: 'tom', replied: 'mara' }, recorded: ['formal-sent by tom', 'replied by mara'] },
  },
  withdraw: {
    action: 'withdraw',
    before: [],
    person: 'mara',
    expected: { status: 'withdrawn', facts: { withdrawn: 'mara' }, recorded: ['withdrawn by mara'] },
  },
};

/** Buttons pressed by someone whose role may not: what they are told. */
const FORBIDDEN_CLICKS: Array<{ person: Person; action: ActionId; says: (ref: string) => Message }> = [
  { person: 'mara', action: 'acknowledge', says: (ref) => ({ key: 'action.forbidden-owner', ref, action: 'acknowledge' }) },
  { person: 'ana', action: 'mark-sent', says: (ref) => ({ key: 'action.forbidden-team', ref, action: 'mark-sent' }) },
  { person: 'ana', action: 'withdraw', says: (ref) => ({ key: 'action.forbidden-team', ref, action: 'withdraw' }) },
  { person: 'mara', action: 'record-reply', says: (ref) => ({ key: 'action.not-sent', ref }) },
];

interface FormRule {
  name: string;
  /** What is entered, given the moment it is submitted (the earliest allowed date follows the clock). */
  values: (now: Date) => FormValues;
  problems: Partial<Record<PreviewField, Message>>;
}

/** The expected date one day too early: the day before earliestFormDate. */
const tooEarly = (now: Date) => dayBefore(earliestFormDate(now));

const FORM_RULES: FormRule[] = [
  { name: 'no summary', values: () => ({ ...VALID, summary: undefined }), problems: { summary: { key: 'form.write-summary' } } },
  { name: 'a summary of spaces only', values: () => ({ ...VALID, summary: '   ' }), problems: { summary: { key: 'form.write-summary' } } },
  { name: 'a summary over 1500 characters', values: () => ({ ...VALID, summary: 'x'.repeat(1501) }), problems: { summary: { key: 'form.summary-long', length: 1501, max: 1500 } } },
  { name: 'no topic chosen', values: () => ({ ...VALID, topics: [] }), problems: { topics: { key: 'form.choose-topic' } } },
  { name: 'an expected date the day before the earliest allowed one', values: (now) => ({ ...VALID, expectedDate: tooEarly(now) }), problems: { expectedDate: { key: 'form.past-date' } } },
  {
    name: 'no topic, no summary and a date too early, all at once',
    values: (now) => ({ ...VALID, topics: [], summary: undefined, expectedDate: tooEarly(now) }),
    problems: { topics: { key: 'form.choose-topic' }, summary: { key: 'form.write-summary' }, expectedDate: { key: 'form.past-date' } },
  },
];

/** Registers the shared turn contract for one platform. */
export function describeTurnContract(name: string, openSubject: () => Promise<TurnSubject>): void {
  describe(`Turn contract: ${name}`, () => {
    let s: TurnSubject;
    beforeAll(async () => {
      s = await openSubject();
    });
    afterAll(async () => s?.close());

    /** A catalogue message as this platform shows it to this person. */
    const words = (person: Person, message: Message) => s.paragraph(voiceOf(person).say(message));
    const plain = (person: Person, message: Message) => voiceOf(person).plain(message);
    const roots = () => s.deliveries().filter((d) => d.kind === 'root').length;

    async function openForm(person: Person = 'mara'): Promise<OpenedForm> {
      const answer = await s.command(person, 'preview');
      expect(answer.told).toEqual([]);
      if (!answer.form) throw new Error(`no preview form opened for ${person} on ${name}`);
      return answer.form;
    }

    /** Opens a letter the way the mandate team does (command, then form), routed to Ana and Wei; returns its reference. */
    async function openLetter(): Promise<string> {
      const before = await s.refs();
      await s.submitForm(await openForm(), VALID);
      const created = (await s.refs()).filter((ref) => !before.includes(ref));
      expect(created).toHaveLength(1);
      return created[0]!;
    }

    const state = async (ref: string) => stateOf(await s.letter(ref), s.now());

    describe('an `ack` reply in the letter thread', () => {
      it.each(ACK_REPLIES)('acknowledges the letter for the owner who replied %j in its thread, and tells them so privately', async (text) => {
        expect(isAckReply(text)).toBe(true);
        const ref = await openLetter();
        const answer = await s.replyInThread('ana', ref, text);
        expect(await state(ref)).toEqual({ status: 'acknowledged', facts: { acknowledged: 'ana' }, recorded: ['acknowledged by ana'] });
        expect(answer.told).toHaveLength(1);
        expect(answer.told[0]).toContain(words('ana', { key: 'ack.done', ref }));
      });

      it.each(ACK_REPLIES)('acknowledges the letter for the owner who said %j to the bot in its thread, answering once', async (text) => {
        expect(isAckReply(text)).toBe(true);
        const ref = await openLetter();
        const answer = await s.replyInThread('wei', ref, text, { toTheBot: true });
        expect(await state(ref)).toEqual({ status: 'acknowledged', facts: { acknowledged: 'wei' }, recorded: ['acknowledged by wei'] });
        expect(answer.told).toHaveLength(1);
        expect(answer.told[0]).toContain(words('wei', { key: 'ack.done', ref }));
      });

      describe('other words', () => {
        let ref: string;
        beforeAll(async () => {
          ref = await openLetter();
        });

        it.each(NOT_ACK_REPLIES)('leave the letter unacknowledged, and PreLetter says nothing, when an owner replies %j in its thread', async (text) => {
          expect(isAckReply(text)).toBe(false);
          const answer = await s.replyInThread('ana', ref, text);
          expect(answer.told).toEqual([]);
          expect(await state(ref)).toEqual({ status: 'awaiting-ack', facts: {}, recorded: [] });
        });

        it.each(NOT_ACK_COMMANDS)('said to the bot in the thread, are read as a command: %j is refused with the command problem, and nothing is acknowledged', async (text) => {
          expect(isAckReply(text)).toBe(false);
          const parsed = parseCommand(text);
          if (parsed.ok) throw new Error(`${JSON.stringify(text)} is a valid command: it does not belong in this table`);
          const answer = await s.replyInThread('ana', ref, text, { toTheBot: true });
          expect(answer.told).toHaveLength(1);
          expect(answer.told[0]).toContain(words('ana', parsed.problem));
          expect(await state(ref)).toEqual({ status: 'awaiting-ack', facts: {}, recorded: [] });
        });
      });
    });

    describe('commands', () => {
      it('acknowledges a letter when its owner types `ack REF`, and tells them so privately', async () => {
        const ref = await openLetter();
        const answer = await s.command('wei', `ack ${ref}`);
        expect(await state(ref)).toEqual({ status: 'acknowledged', facts: { acknowledged: 'wei' }, recorded: ['acknowledged by wei'] });
        expect(answer.told).toHaveLength(1);
        expect(answer.told[0]).toContain(words('wei', { key: 'ack.done', ref }));
      });

      it.each<Person>(['dana', 'ana'])('tells %s, a company person, that only the mandate team can preview, and opens no form', async (person) => {
        const before = await s.refs();
        const answer = await s.command(person, 'preview');
        expect(answer.form).toBeUndefined();
        expect(answer.told).toHaveLength(1);
        expect(answer.told[0]).toContain(words(person, { key: 'preview.not-team' }));
        expect(await s.refs()).toEqual(before);
      });

      it('opens the preview form for a mandate team member, offering the letter types and the topics the directory allows, and no mandate choice', async () => {
        const form = await openForm('tom');
        expect(form).toMatchObject({ person: 'tom', types: ['UA', 'AL', 'OL'], topics: ['content-moderation', 'surveillance'], asksForMandate: false });
      });

      it('answers `status REF` for an owner with the letter, its text and status, and a person of another company exactly as for a reference never issued', async () => {
        const ref = await openLetter();
        const owner = await s.command('ana', `status ${ref}`);
        expect(owner.told).toHaveLength(1);
        expect(owner.told[0]).toContain(ref);
        expect(owner.told[0]).toContain(VALID.summary);
        expect(owner.told[0]).toContain(voiceOf('ana').t('letter.status', { status: 'awaiting-ack' }));

        const never = 'PL-2026-9999';
        const outsider = await s.command('kai', `status ${ref}`);
        const unknown = await s.command('kai', `status ${never}`);
        expect(outsider.told).toHaveLength(1);
        expect(outsider.told[0]).not.toContain(VALID.summary);
        expect(outsider.told.map((t) => t.replaceAll(ref, 'REF'))).toEqual(unknown.told.map((t) => t.replaceAll(never, 'REF')));
      });

      it('lists a letter in `status` for its owner, and leaves it out for a person of another company', async () => {
        const ref = await openLetter();
        const owner = await s.command('ana', 'status');
        expect(owner.told).toHaveLength(1);
        expect(owner.told[0]).toContain(ref);
        const outsider = await s.command('kai', 'status');
        expect(outsider.told).toHaveLength(1);
        expect(outsider.told[0]).not.toContain(ref);
      });
    });

    describe('the preview form', () => {
      it.each(FORM_RULES)('shows each problem under its field for $name, and writes nothing', async ({ values, problems }) => {
        const form = await openForm();
        const [refsBefore, rootsBefore] = [await s.refs(), roots()];
        const answer = await s.submitForm(form, values(s.now()));
        const expected = Object.fromEntries(Object.entries(problems).map(([field, message]) => [field, plain('mara', message!)]));
        expect(answer.problems).toEqual(expected);
        expect(answer.told).toEqual([]);
        expect(await s.refs()).toEqual(refsBefore);
        expect(roots()).toBe(rootsBefore);
      });

      it('refuses a topic the form did not offer, naming it, and writes nothing', async () => {
        const form = await openForm();
        const [refsBefore, rootsBefore] = [await s.refs(), roots()];
        const answer = await s.submitForm(form, { ...VALID, topics: ['elections'] });
        if (s.differences.unofferedTopic === 'field') {
          expect(answer.problems).toEqual({ topics: voiceOf('mara').plain({ key: 'form.topic-not-offered', topic: 'elections' }) });
        } else {
          expect(answer.problems).toBeUndefined();
          expect(answer.told).toHaveLength(1);
          expect(answer.told[0]).toContain(words('mara', { key: 'preview.topics', company: 'Northwind Social', max: 20, unknown: 'elections' }));
        }
        expect(await s.refs()).toEqual(refsBefore);
        expect(roots()).toBe(rootsBefore);
      });

      it('opens exactly one letter from a valid urgent form dated the earliest allowed day, with what was entered, and says where it is', async () => {
        const form = await openForm();
        const expectedDate = earliestFormDate(s.now());
        const [refsBefore, rootsBefore] = [await s.refs(), roots()];
        const answer = await s.submitForm(form, { ...VALID, expectedDate, urgent: true });
        expect(answer.problems).toBeUndefined();
        const created = (await s.refs()).filter((ref) => !refsBefore.includes(ref));
        expect(created).toHaveLength(1);
        const ref = created[0]!;
        expect(await s.letter(ref)).toMatchObject({
          type: 'AL',
          urgent: true,
          topics: ['content-moderation'],
          summary: VALID.summary,
          expectedFormalDate: expectedDate,
          mandateKey: 'sr-expression',
          companyKey: 'northwind',
          channel: { platform: s.platform },
          previewed: { by: 'mara' },
          // Urgent: the company's urgent line (Dana) is routed to as well as the topic's owners.
          routing: { owners: ['ana', 'wei', 'dana'] },
        });
        expect(roots()).toBe(rootsBefore + 1);
        expect(answer.told).toHaveLength(1);
        expect(answer.told[0]).toContain(words('mara', { key: 'preview.open', ref, names: ['Ana Ruiz', 'Wei Tan', 'Dana Cole'] }));
      });
    });

    describe('buttons', () => {
      it('has a case here for every button the core runs', () => {
        expect(Object.keys(BUTTON_CASES).sort()).toEqual(Object.keys(BUTTON_USE_CASES).sort());
      });

      it.each(Object.values(BUTTON_CASES))('records $action for $person when they click it, and nothing else', async ({ action, before, person, expected }) => {
        const ref = await openLetter();
        for (const [who, earlier] of before) await s.click(who, earlier, ref);
        await s.click(person, action, ref);
        expect(await state(ref)).toEqual(expected);
      });

      it.each(FORBIDDEN_CLICKS)('refuses $action to $person, telling them why, and changes nothing', async ({ person, action, says }) => {
        const ref = await openLetter();
        const answer = await s.click(person, action, ref);
        expect(answer.told).toHaveLength(1);
        expect(answer.told[0]).toContain(words(person, says(ref)));
        expect(await state(ref)).toEqual({ status: 'awaiting-ack', facts: {}, recorded: [] });
      });
    });

    describe('repeats are no-ops', () => {
      it('tells an owner who clicks Acknowledge again who acknowledged and when, and records nothing more', async () => {
        const ref = await openLetter();
        await s.click('ana', 'acknowledge', ref);
        const acknowledged = (await s.letter(ref)).acknowledged!;
        const again = await s.click('ana', 'acknowledge', ref);
        expect(again.told).toHaveLength(1);
        expect(again.told[0]).toContain(words('ana', { key: 'action.already', ref, action: 'acknowledge', name: 'Ana Ruiz', at: acknowledged.at }));
        expect(await state(ref)).toEqual({ status: 'acknowledged', facts: { acknowledged: 'ana' }, recorded: ['acknowledged by ana'] });
      });

      it('acknowledges once, and answers once, when the platform delivers an `ack` said to the bot in the thread twice', async () => {
        const ref = await openLetter();
        await s.replyInThread('ana', ref, 'ack', { toTheBot: true });
        const again = await s.deliverAgain();
        expect(again.told).toEqual([]);
        expect(await state(ref)).toEqual({ status: 'acknowledged', facts: { acknowledged: 'ana' }, recorded: ['acknowledged by ana'] });
      });
    });

    describe('where the platforms answer differently (each subject declares how)', () => {
      it('records a click the platform delivers twice once, and answers the repeat as declared', async () => {
        const ref = await openLetter();
        await s.click('wei', 'acknowledge', ref);
        const again = await s.deliverAgain();
        expect(await state(ref)).toEqual({ status: 'acknowledged', facts: { acknowledged: 'wei' }, recorded: ['acknowledged by wei'] });
        const declared = s.differences.repeatedClick;
        expect(again.told).toEqual(declared === 'nothing' ? [] : [expect.stringContaining(words('wei', declared))]);
      });

      it('opens one letter however often the same form is submitted, and answers the repeat as declared', async () => {
        const form = await openForm();
        const refsBefore = await s.refs();
        await s.submitForm(form, VALID);
        const again = await s.submitForm(form, { ...VALID, summary: 'A second try.' });
        const created = (await s.refs()).filter((ref) => !refsBefore.includes(ref));
        expect(created).toHaveLength(1);
        expect((await s.letter(created[0]!)).summary).toBe(VALID.summary);
        expect(again.problems).toBeUndefined();
        const declared = s.differences.repeatedForm;
        expect(again.told).toEqual(declared === 'nothing' ? [] : [expect.stringContaining(words('mara', declared))]);
      });

      it('tells the clicker of a button that changed the letter what it did, in the use case’s own words', async () => {
        const ref = await openLetter();
        const answer = await s.click('ana', 'acknowledge', ref);
        expect(answer.told).toHaveLength(1);
        expect(answer.told[0]).toContain(words('ana', { key: 'ack.done', ref }));
      });
    });
  });
}
