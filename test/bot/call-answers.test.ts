/** The mandate team's table of answers to a call for input, through the core, on the real database. */
import { answerCall } from '../../src/bot/answer-call';
import { callAnswers } from '../../src/bot/call-answers';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { directoryWith, publish } from '../support/calls';
import { USERS } from '../support/test-directory';
import { englishOf, segmentsText } from '../support/words';

describe('the table of answers to a call for input', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await openBotHarness();
  });
  afterEach(async () => h.close());

  it('shows the mandate team each company’s latest answer with who gave it and when, or that none came yet', async () => {
    const { call } = await publish(h);
    h.clock.advanceHours(1);
    await answerCall(h.deps, { actor: USERS.ana, ref: call.ref, answer: 'contribute' });
    const card = await callAnswers(h.deps, { actor: USERS.tom, ref: call.ref });
    expect(card.title).toBe('Answers to CI-2026-0001: Content moderation during elections');
    expect(card.body.map(segmentsText)).toEqual(['1 of 2 companies answered. Input is due by Thu 30 Apr 2026, 23:59 CEST.']);
    expect(card.fields).toEqual([
      { label: 'Kestrel Cloud', value: 'No answer yet' },
      { label: 'Northwind Social', value: 'We will contribute (Ana Ruiz, Tue 3 Mar 2026, 10:00 CET)' },
    ]);
    expect(card.buttons).toEqual([]);
  });

  it('is written in the reader’s language and zone', async () => {
    await h.store.directory.apply(directoryWith({ edit: (d) => ({ ...d, people: d.people.map((p) => (p.key === 'mara' ? { ...p, locale: 'fr', timeZone: 'America/New_York' } : p)) }) }));
    const { call } = await publish(h);
    const card = await callAnswers(h.deps, { actor: USERS.mara, ref: call.ref });
    expect(card.title).toBe('Réponses à CI-2026-0001 : Content moderation during elections');
    expect(card.fields.map((f) => f.value)).toEqual(['Pas encore de réponse', 'Pas encore de réponse']);
    expect(card.body.map(segmentsText)[0]).toContain('jeu. 30 avr. 2026, 17:59 EDT');
  });

  it('shows an admin the table too', async () => {
    const { call } = await publish(h);
    expect((await callAnswers(h.deps, { actor: USERS.root, ref: call.ref })).fields).toHaveLength(2);
  });

  it('answers anyone else as for an unknown reference, the companies’ own people included', async () => {
    const { call } = await publish(h);
    const unknown = await callAnswers(h.deps, { actor: USERS.tom, ref: 'CI-2026-0999' }).catch((err: unknown) => err);
    for (const user of ['ana', 'kai', 'dana'] as const) {
      const refused = await callAnswers(h.deps, { actor: USERS[user], ref: call.ref }).catch((err: unknown) => err);
      expect([user, refused]).toMatchObject([user, { code: 'not-found' }]);
      expect(englishOf(refused)).toBe(englishOf(unknown).replace('CI-2026-0999', call.ref));
    }
    expect(englishOf(unknown)).toBe('There is no call for input CI-2026-0999 that you can see. Check the reference.');
  });
});
