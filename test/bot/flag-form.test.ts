/** The flag form's rules through the core, on the real database: who may open it, what it offers, and what each field must hold. */
import { checkFlagForm, flagFormOptions } from '../../src/bot/flag-form';
import { handleCommand } from '../../src/bot/handle-command';
import { MAX_TOPICS } from '../../src/bot/preview-letter';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { KESTREL_CHANNEL, NORTHWIND_CHANNEL, TEST_DIRECTORY, UNBOUND_CHANNEL, USERS } from '../support/test-directory';
import { englishOf } from '../support/words';

const OFFERED = { topics: ['content-moderation', 'surveillance'], mandates: [{ key: 'sr-expression', title: 'Special Rapporteur on freedom of opinion and expression' }] };

async function refusalOf(promise: Promise<unknown>): Promise<{ code: string; words: string }> {
  try {
    await promise;
  } catch (err) {
    return { code: (err as { code: string }).code, words: englishOf(err) };
  }
  throw new Error('expected a refusal');
}

describe('the flag form’s options', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await openBotHarness();
  });
  afterEach(async () => h.close());

  it('offers a company’s person every topic the mandates cover and every mandate, for the company of the channel it is asked in', async () => {
    expect(await flagFormOptions(h.deps, USERS.ana, NORTHWIND_CHANNEL)).toEqual({
      company: { key: 'northwind', name: 'Northwind Social' },
      channel: NORTHWIND_CHANNEL,
      topics: ['content-moderation', 'surveillance'],
      mandates: [{ key: 'sr-expression', title: 'Special Rapporteur on freedom of opinion and expression' }],
    });
  });

  it('takes the person’s only company where no company’s channel says which, and keeps no channel then', async () => {
    for (const channel of [undefined, UNBOUND_CHANNEL]) {
      const options = await flagFormOptions(h.deps, USERS.kai, channel);
      expect(options.company).toEqual({ key: 'kestrel', name: 'Kestrel Cloud' });
      expect(options.channel).toBeUndefined();
    }
  });

  it('is the flag-form outcome of the `flag` command', async () => {
    const outcome = await handleCommand(h.deps, { actor: USERS.dana, text: 'flag', channel: NORTHWIND_CHANNEL });
    expect(outcome).toMatchObject({ kind: 'flag-form', options: { company: { key: 'northwind' }, channel: NORTHWIND_CHANNEL } });
  });

  it('refuses a mandate team member, naming what they can do instead', async () => {
    expect(await refusalOf(flagFormOptions(h.deps, USERS.mara, NORTHWIND_CHANNEL))).toEqual({
      code: 'forbidden',
      words: expect.stringContaining('only people a company lists can raise one. As a member of a mandate team, you can preview a letter to a company with `/preletter preview` instead.'),
    });
  });

  it('refuses someone in the directory whom no company lists, another company’s person in a company’s channel, and a stranger, each saying why', async () => {
    expect(await refusalOf(flagFormOptions(h.deps, USERS.root))).toEqual({ code: 'forbidden', words: expect.stringContaining('Only the people a company lists in the directory can raise a flag') });
    expect(await refusalOf(flagFormOptions(h.deps, USERS.kai, NORTHWIND_CHANNEL))).toEqual({ code: 'forbidden', words: expect.stringContaining('Only the people a company lists') });
    expect(await refusalOf(flagFormOptions(h.deps, USERS.stranger))).toEqual({ code: 'forbidden', words: expect.stringContaining("I don't know your Slack account yet") });
  });

  it('asks someone two companies list to raise the flag in their company’s channel, and offers the form there', async () => {
    await h.store.directory.apply({
      ...TEST_DIRECTORY,
      companies: TEST_DIRECTORY.companies.map((c) => (c.key === 'kestrel' ? { ...c, defaultContacts: ['dana'] } : c)),
    });
    expect(await refusalOf(flagFormOptions(h.deps, USERS.dana))).toEqual({ code: 'invalid-input', words: "Raise the flag in your company's channel, so PreLetter knows which company it comes from." });
    expect((await flagFormOptions(h.deps, USERS.dana, KESTREL_CHANNEL)).company.key).toBe('kestrel');
  });

  it('says so when no mandate lists a topic, rather than offer a form that cannot be used', async () => {
    await h.store.directory.apply({ ...TEST_DIRECTORY, mandates: TEST_DIRECTORY.mandates.map((m) => ({ ...m, topics: [] })) });
    expect(await refusalOf(flagFormOptions(h.deps, USERS.ana))).toEqual({ code: 'invalid-input', words: expect.stringContaining('No mandate in the directory lists any topics yet') });
  });
});

describe('the flag form’s answers', () => {
  it('reads sound answers as a flag: topics trimmed and once each, the summary trimmed, the mandate kept when chosen', () => {
    expect(checkFlagForm({ topics: [' surveillance ', 'surveillance'], summary: '  Data requests.  ', mandate: 'sr-expression', urgent: true }, { offered: OFFERED })).toEqual({
      ok: true,
      input: { topics: ['surveillance'], summary: 'Data requests.', urgent: true, mandateKey: 'sr-expression' },
    });
    expect(checkFlagForm({ topics: ['surveillance'], summary: 'x', mandate: '' }, { offered: OFFERED })).toEqual({ ok: true, input: { topics: ['surveillance'], summary: 'x', urgent: false } });
  });

  it('names each field at fault at once: no topic, no summary, a mandate not offered', () => {
    expect(checkFlagForm({ topics: [], summary: '  ', mandate: 'sr-gone' }, { offered: OFFERED })).toEqual({
      ok: false,
      errors: { topics: { key: 'form.choose-topic' }, summary: { key: 'flag.write-summary' }, mandate: { key: 'flag.mandate-not-offered' } },
    });
  });

  it('refuses a topic the form did not offer, too many topics and a summary over the limit', () => {
    expect(checkFlagForm({ topics: ['elections'], summary: 'x' }, { offered: OFFERED })).toEqual({ ok: false, errors: { topics: { key: 'flag.topic-not-offered', topic: 'elections' } } });
    const many = Array.from({ length: MAX_TOPICS + 1 }, (_, i) => `t${i}`);
    expect(checkFlagForm({ topics: many, summary: 'x' }, { offered: { topics: many, mandates: [] } })).toEqual({ ok: false, errors: { topics: { key: 'flag.too-many-topics', max: MAX_TOPICS } } });
    expect(checkFlagForm({ topics: ['surveillance'], summary: 'x'.repeat(1501) }, { offered: OFFERED })).toEqual({ ok: false, errors: { summary: { key: 'form.summary-long', length: 1501, max: 1500 } } });
  });

  it('lets a field the adapter could not read say so, over any other sentence for it', () => {
    expect(checkFlagForm({ topics: [], summary: 'x' }, { unreadable: new Set(['topics'] as const) })).toEqual({ ok: false, errors: { topics: { key: 'form.unreadable', field: 'topics' } } });
  });
});
