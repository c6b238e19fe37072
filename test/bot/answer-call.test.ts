/** Answering a call for input through the core, on the real database, with a recording platform for Slack. */
import { answerCall, CALL_BUTTON_ANSWERS } from '../../src/bot/answer-call';
import type { NeutralCard } from '../../src/bot/ports';
import type { CallForInput } from '../../src/domain/call';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { directoryWith, MANDATE_CHANNEL, publish } from '../support/calls';
import { cardText } from '../support/recording-platform';
import { KESTREL_CHANNEL, NORTHWIND_CHANNEL, USERS } from '../support/test-directory';
import { englishOf, segmentsText } from '../support/words';

const bodyText = (card: NeutralCard) => card.body.map(segmentsText).join(' ');

describe('answering a call for input', () => {
  let h: BotHarness;
  let call: CallForInput;
  const rootOf = (companyKey: string) => call.recipients.find((r) => r.companyKey === companyKey)!.thread!.rootMessageRef;
  const open = async (options: Parameters<typeof directoryWith>[0] = { mandateChannel: true }) => {
    await h.store.directory.apply(directoryWith(options));
    call = (await publish(h)).call;
    h.slack.calls.length = 0;
    h.clock.advanceHours(2);
  };
  beforeEach(async () => {
    h = await openBotHarness();
  });
  afterEach(async () => h.close());

  it('records the company’s answer, shows it on its card in place, and tells the mandate team in its own channel only', async () => {
    await open();
    const outcome = await answerCall(h.deps, { actor: USERS.ana, ref: call.ref, answer: 'contribute' });
    expect(outcome.changed).toBe(true);
    expect(bodyText(outcome.reply)).toBe('Recorded for Northwind Social: "We will contribute". The mandate team of CI-2026-0001 can see it.');
    expect((await h.store.calls.get(call.ref))!.answers).toEqual({ northwind: { answer: 'contribute', by: 'ana', at: new Date('2026-03-03T10:00:00Z') } });
    const updates = h.slack.of('updateMessage');
    const card = updates.find((u) => u.messageRef === rootOf('northwind'))!.card;
    expect(cardText(card)).toContain('Your answer: We will contribute (Ana Ruiz, Tue 3 Mar 2026, 11:00 CET)');
    expect(card.buttons.map((b) => b.action)).toEqual(['call-submitted', 'call-declined']);
    const table = updates.find((u) => u.messageRef === call.mandateThread!.rootMessageRef)!.card;
    expect(cardText(table)).toContain('1 of 2 companies answered.');
    const notes = h.slack.of('postInThread');
    expect(notes.map((n) => [n.threadRef, bodyText(n.card)])).toEqual([[call.mandateThread!.threadRef, 'Northwind Social: "We will contribute" (Ana Ruiz).']]);
    // Kestrel's channel hears nothing of Northwind's answer.
    expect(updates.map((u) => u.messageRef)).not.toContain(rootOf('kestrel'));
    expect(h.slack.calls.some((c) => 'channel' in c && c.channel.channelId === KESTREL_CHANNEL.channelId)).toBe(false);
    expect(MANDATE_CHANNEL.channelId).toBe(call.mandateThread!.channel.channelId);
  });

  it('answers the same answer again politely and changes nothing', async () => {
    await open();
    await answerCall(h.deps, { actor: USERS.ana, ref: call.ref, answer: 'contribute' });
    h.slack.calls.length = 0;
    const again = await answerCall(h.deps, { actor: USERS.wei, ref: call.ref, answer: 'contribute' });
    expect(again.changed).toBe(false);
    expect(bodyText(again.reply)).toBe('The answer of Northwind Social to CI-2026-0001 is already "We will contribute", given by Ana Ruiz on Tue 3 Mar 2026, 18:00 SGT.');
    expect(h.slack.calls).toEqual([]);
    expect((await h.store.calls.get(call.ref))!.history).toHaveLength(1);
  });

  it('lets anyone the company lists answer for it, and keeps each change in the history with the latest on the card', async () => {
    await open();
    await answerCall(h.deps, { actor: USERS.ana, ref: call.ref, answer: 'contribute' });
    h.clock.advanceDays(10);
    const outcome = await answerCall(h.deps, { actor: USERS.dana, ref: call.ref, answer: CALL_BUTTON_ANSWERS['call-submitted'] });
    expect(outcome.changed).toBe(true);
    const stored = (await h.store.calls.get(call.ref))!;
    expect(stored.answers.northwind).toMatchObject({ answer: 'submitted', by: 'dana' });
    expect(stored.history.map((e) => `${e.answer} ${e.by}`)).toEqual(['contribute ana', 'submitted dana']);
    const card = h.slack.of('updateMessage').filter((u) => u.messageRef === rootOf('northwind')).pop()!.card;
    expect(card.buttons.map((b) => b.action)).toEqual(['call-contribute', 'call-declined']);
  });

  it('refuses someone the company does not list, a mandate team member included, and an unknown reference', async () => {
    await open();
    const refused = await answerCall(h.deps, { actor: USERS.mara, ref: call.ref, answer: 'declined' }).catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'forbidden' });
    expect(englishOf(refused)).toContain('Only the people of a company that CI-2026-0001 was sent to can answer it');
    await expect(answerCall(h.deps, { actor: USERS.stranger, ref: call.ref, answer: 'declined' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(answerCall(h.deps, { actor: USERS.ana, ref: 'CI-2026-0999', answer: 'declined' })).rejects.toMatchObject({ code: 'not-found' });
    expect((await h.store.calls.get(call.ref))!.history).toEqual([]);
  });

  it('answers for the channel’s company when the person works with two companies the call went to', async () => {
    await open({ edit: (d) => ({ ...d, companies: d.companies.map((c) => (c.key === 'kestrel' ? { ...c, defaultContacts: ['dana'] } : c)) }) });
    const ambiguous = await answerCall(h.deps, { actor: USERS.dana, ref: call.ref, answer: 'declined' }).catch((err: unknown) => err);
    expect(ambiguous).toMatchObject({ code: 'invalid-input', context: { field: 'company' } });
    await answerCall(h.deps, { actor: USERS.dana, ref: call.ref, answer: 'declined', channel: KESTREL_CHANNEL });
    expect(Object.keys((await h.store.calls.get(call.ref))!.answers)).toEqual(['kestrel']);
    await expect(answerCall(h.deps, { actor: USERS.kai, ref: call.ref, answer: 'declined', channel: NORTHWIND_CHANNEL })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses politely once the mandate team has closed the call', async () => {
    await open();
    await h.store.calls.close(call.ref, { at: new Date('2026-03-03T09:30:00Z'), by: 'mara' });
    const refused = await answerCall(h.deps, { actor: USERS.kai, ref: call.ref, answer: 'submitted' }).catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'conflict' });
    expect(englishOf(refused)).toBe('CI-2026-0001 was closed by the mandate team on Tue 3 Mar 2026, 10:30 CET, so it takes no more answers.');
  });

  it('updates the owners’ own copies of the card when the company has no channel', async () => {
    await open({ kestrelUnbound: true });
    const copy = call.recipients.find((r) => r.companyKey === 'kestrel')!.copies![0]!;
    await answerCall(h.deps, { actor: USERS.kai, ref: call.ref, answer: 'declined' });
    const updated = h.slack.of('updateMessage').find((u) => u.messageRef === copy.messageRef)!;
    expect(cardText(updated.card)).toContain('Your answer: Not for us (Kai Berg, Tue 3 Mar 2026, 10:00 GMT)');
  });

  it('keeps the answer when the card cannot be updated, and says so', async () => {
    await open();
    h.slack.failOn.add('updateMessage');
    const outcome = await answerCall(h.deps, { actor: USERS.kai, ref: call.ref, answer: 'submitted' });
    expect(outcome.changed).toBe(true);
    expect(bodyText(outcome.reply)).toContain("It is recorded, but I could not update every copy of the call's card");
    expect((await h.store.calls.get(call.ref))!.answers.kestrel?.answer).toBe('submitted');
  });
});
