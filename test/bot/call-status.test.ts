/**
 * The way in to calls for input through the core, on the real database: the `call` command
 * asks for the form (or says why not), the form's check names every field at fault at once,
 * and `status CI-…` shows the mandate team the table and a company's person their company's card.
 */
import { answerCall } from '../../src/bot/answer-call';
import { handleCommand, type CommandOutcome } from '../../src/bot/handle-command';
import { checkCallInput } from '../../src/bot/publish-call';
import type { NeutralCard } from '../../src/bot/ports';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { CALL_LINK, directoryWith, publish } from '../support/calls';
import { cardText } from '../support/recording-platform';
import { NORTHWIND_CHANNEL, USERS } from '../support/test-directory';
import { englishOf, wordsOf } from '../support/words';

function replyOf(outcome: CommandOutcome): NeutralCard {
  if (outcome.kind !== 'reply') throw new Error(`expected a reply, got ${outcome.kind}`);
  return outcome.card;
}

describe('calls for input through commands', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await openBotHarness();
  });
  afterEach(async () => h.close());

  it('answers `call` with the form for a mandate team member, and refuses anyone else saying why', async () => {
    const outcome = await handleCommand(h.deps, { actor: USERS.mara, text: 'call' });
    expect(outcome).toMatchObject({ kind: 'call-form', options: { mandates: [{ key: 'sr-expression' }], topics: ['content-moderation', 'surveillance'] } });
    const refused = await handleCommand(h.deps, { actor: USERS.ana, text: 'call' }).catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'forbidden' });
    expect(englishOf(refused)).toMatch(/^Only members of a mandate team can publish calls for input\./);
  });

  it('names every field at fault at once for a form, and only the title and link when no mandate is chosen among several', async () => {
    const all = await checkCallInput(h.deps, { actor: USERS.mara, title: '', link: 'ftp://x', topics: ['elections'], deadline: '2026-03-03' });
    expect(Object.keys(all)).toEqual(['title', 'link', 'topics', 'deadline']);
    expect(wordsOf(all.topics!)).toContain('"elections" is not one of them.');
    expect(await checkCallInput(h.deps, { actor: USERS.mara, title: 'Elections', link: CALL_LINK, topics: ['surveillance'], deadline: '2026-04-30' })).toEqual({});

    const second = { key: 'sr-privacy', title: 'Special Rapporteur on the right to privacy', timeZone: 'Europe/Zurich', team: ['mara'], topics: ['surveillance'] };
    await h.store.directory.apply(directoryWith({ edit: (d) => ({ ...d, mandates: [...d.mandates, second] }) }));
    const unchosen = await checkCallInput(h.deps, { actor: USERS.mara, title: '', link: CALL_LINK, topics: ['nothing'], deadline: 'soon' });
    expect(Object.keys(unchosen)).toEqual(['mandate', 'title']);
    expect(wordsOf(unchosen.mandate!)).toMatch(/^Mandate: you are on several mandate teams/);
  });

  it('shows the mandate team the table of answers with `status CI-…`', async () => {
    const { call } = await publish(h);
    await answerCall(h.deps, { actor: USERS.kai, ref: call.ref, answer: 'declined' });
    const card = replyOf(await handleCommand(h.deps, { actor: USERS.tom, text: `status ${call.ref.toLowerCase()}` }));
    expect(card.title).toBe('Answers to CI-2026-0001: Content moderation during elections');
    expect(card.fields.map((f) => [f.label, f.value.split(' (')[0]])).toEqual([
      ['Kestrel Cloud', 'Not for us'],
      ['Northwind Social', 'No answer yet'],
    ]);
  });

  it('shows a company’s person their own company’s card with `status CI-…`, never another company’s answer', async () => {
    const { call } = await publish(h);
    await answerCall(h.deps, { actor: USERS.kai, ref: call.ref, answer: 'declined' });
    const ana = replyOf(await handleCommand(h.deps, { actor: USERS.ana, text: `status ${call.ref}`, channel: NORTHWIND_CHANNEL }));
    expect(ana.title).toBe('CI-2026-0001 · Call for input: Content moderation during elections');
    expect(cardText(ana)).toContain('Your answer: No answer yet');
    expect(cardText(ana)).not.toContain('Not for us (');
    expect(ana.buttons.map((b) => b.action)).toEqual(['call-contribute', 'call-submitted', 'call-declined']);
    const kai = replyOf(await handleCommand(h.deps, { actor: USERS.kai, text: `status ${call.ref}` }));
    expect(cardText(kai)).toContain('Your answer: Not for us (Kai Berg');
  });

  it('answers a person of a company the call did not go to exactly as for an unknown reference', async () => {
    const { call } = await publish(h, { topics: ['surveillance'] });
    const unknown = await handleCommand(h.deps, { actor: USERS.ana, text: 'status CI-2026-0999' }).catch((err: unknown) => err);
    const refused = await handleCommand(h.deps, { actor: USERS.ana, text: `status ${call.ref}` }).catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'not-found' });
    expect(englishOf(refused)).toBe(englishOf(unknown).replace('CI-2026-0999', call.ref));
  });
});
