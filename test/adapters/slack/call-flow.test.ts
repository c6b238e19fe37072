/**
 * A call for input on Slack, through Bolt's real receiver over HTTP: `/preletter call` → the
 * modal (views.open) → a submission with mistakes (every one answered under its block) → a
 * valid submission → one card in each matching company's channel, the publisher told
 * privately → a company's answer button → the answer stored, the card updated in place, the
 * presser told privately. Also who may not, and `status CI-…`.
 */
import { expectValidBlockKit, type MessagePayload } from '../../support/card-rules/block-kit';
import type { RecordedApiCall } from './support/slack-api-fake';
import { visibleText } from './support/slack-message-view';
import { buttonClick, callSubmission, callValues, mention, slashCommand } from './support/slack-requests';
import { openSlackWorld, type SlackWorld } from './support/slack-world';

const TITLE = 'Content moderation during elections';

function actionIds(call: RecordedApiCall): string[] {
  const blocks = call.args.blocks as Array<{ type: string; elements?: Array<{ action_id?: string }> }>;
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements!.map((e) => e.action_id!));
}

function ephemeralTo(w: SlackWorld, user: string, containing: string): () => RecordedApiCall | undefined {
  return () => w.fake.of('chat.postEphemeral').find((c) => c.args.user === user && visibleText(c).includes(containing));
}

/** `/preletter call` by Mara in this channel; the modal Slack was asked to open. */
async function openForm(w: SlackWorld, channel = 'C0RANDOM'): Promise<any> {
  expect(await w.send.command(slashCommand('U0MARA', 'call', channel))).toMatchObject({ status: 200, text: '' });
  return (await w.fake.waitFor(() => w.fake.of('views.open').at(-1), 'views.open')).args.view;
}

/** Opens the form and submits the fixture's answers; waits for both companies' cards. */
async function publishFromForm(w: SlackWorld): Promise<RecordedApiCall[]> {
  const view = await openForm(w);
  await w.send.interaction(callSubmission({ user: 'U0MARA', privateMetadata: view.private_metadata }));
  await w.fake.waitFor(ephemeralTo(w, 'U0MARA', 'CI-2026-0001 went to 2 companies'), 'the confirmation');
  return w.fake.of('chat.postMessage').filter((c) => visibleText(c).includes('CI-2026-0001 · Call for input'));
}

describe('Slack: a mandate team publishes a call for input', () => {
  let w: SlackWorld;
  beforeEach(async () => {
    w = await openSlackWorld();
  });
  afterEach(async () => w.close());

  it('opens the call modal with a title within the limit, a link, the mandate’s topics and a date picker whose hint gives the allowed days', async () => {
    const view = await openForm(w);
    expectValidBlockKit(view, 'modal', 'the call modal');
    expect(view.callback_id).toBe('preletter-call');
    expect(JSON.parse(view.private_metadata)).toEqual({ v: 1, workspaceId: 'T0TEST', replyIn: 'C0RANDOM' });
    const ids = view.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.block_id);
    // One mandate: nothing to choose.
    expect(ids).toEqual(['call_title', 'call_link', 'call_topics', 'call_deadline']);
    const block = (id: string) => view.blocks.find((b: any) => b.block_id === id);
    expect(block('call_title').element).toMatchObject({ type: 'plain_text_input', max_length: 200 });
    expect(block('call_link').element.type).toBe('url_text_input');
    expect(block('call_topics').element).toMatchObject({ type: 'multi_static_select', options: [{ value: 'content-moderation' }, { value: 'surveillance' }] });
    expect(block('call_deadline').element.type).toBe('datepicker');
    expect(block('call_deadline').hint.text).toMatch(/^A day from .*4 Mar 2026 to .*3 Mar 2027; input counts until the end of that day\.$/);
  });

  it('answers every field at fault under its block at once, and publishes nothing', async () => {
    const view = await openForm(w);
    const values = callValues({ title: '  ', link: 'http://example.org/call', topics: [], deadline: '2026-03-01' });
    const reply = await w.send.interaction(callSubmission({ user: 'U0MARA', privateMetadata: view.private_metadata, values }));
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({
      response_action: 'errors',
      errors: {
        call_title: 'Title: write a title of at most 200 characters. Nothing was published.',
        call_link: 'Link: give the address of the published call, starting with https://. Nothing was published.',
        call_topics: 'Topics: choose at least one of the topics of the Special Rapporteur on freedom of opinion and expression. Nothing was published.',
        call_deadline: 'Deadline: choose a day from tomorrow to 365 days from now. Nothing was published.',
      },
    });
    await w.slack.idle();
    expect(await w.harness.store.calls.get('CI-2026-0001')).toBeNull();
    expect(w.fake.of('chat.postMessage')).toEqual([]);
  });

  it('publishes once from the submission: one card with the three answers in each matching company’s channel, and tells the publisher privately', async () => {
    const view = await openForm(w);
    const submission = callSubmission({ user: 'U0MARA', privateMetadata: view.private_metadata });
    expect(await w.send.interaction(submission)).toMatchObject({ status: 200, text: '' });
    const told = await w.fake.waitFor(ephemeralTo(w, 'U0MARA', 'CI-2026-0001 went to 2 companies: Kestrel Cloud and Northwind Social.'), 'the confirmation');
    expect(told.args.channel).toBe('C0RANDOM');
    // Slack sends the same submission again (a retry): still one call, one card per company.
    await w.send.interaction(submission);
    await w.slack.idle();

    const cards = w.fake.of('chat.postMessage');
    expect(cards.map((c) => c.args.channel).sort()).toEqual(['C0KESTREL', 'C0NORTH']);
    for (const card of cards) {
      expect(visibleText(card)).toContain(`CI-2026-0001 · Call for input: ${TITLE}`);
      expect(visibleText(card)).toContain('Input due');
      expect(actionIds(card)).toEqual(['call-contribute', 'call-submitted', 'call-declined']);
      expectValidBlockKit({ blocks: card.args.blocks, text: card.args.text } as MessagePayload, 'message', 'the call card');
    }
    expect(await w.harness.store.calls.get('CI-2026-0002')).toBeNull();
    expect(await w.harness.store.calls.get('CI-2026-0001')).toMatchObject({ mandateKey: 'sr-expression', title: TITLE, topics: ['content-moderation', 'surveillance'] });
  });

  it('records a company’s answer from its card’s button, updates that card in place and tells the presser privately; another company’s person is refused', async () => {
    const cards = await publishFromForm(w);
    const north = cards.find((c) => c.args.channel === 'C0NORTH')!;
    const ts = String(north.result.ts);

    await w.send.interaction(buttonClick({ user: 'U0KAI', action: 'call-submitted', ref: 'CI-2026-0001', channel: 'C0NORTH', messageTs: ts, fixture: 'block-actions-call-answer' }));
    await w.fake.waitFor(ephemeralTo(w, 'U0KAI', 'Only the people of a company that CI-2026-0001 was sent to can answer it, for their own company.'), 'the refusal');
    expect(w.fake.of('chat.update')).toEqual([]);

    const click = await w.send.interaction(buttonClick({ user: 'U0ANA', action: 'call-submitted', ref: 'CI-2026-0001', channel: 'C0NORTH', messageTs: ts, fixture: 'block-actions-call-answer' }));
    expect(click).toMatchObject({ status: 200, text: '' });
    const told = await w.fake.waitFor(ephemeralTo(w, 'U0ANA', 'Recorded for Northwind Social: "Submitted".'), 'the confirmation');
    expect(told.args.channel).toBe('C0NORTH');
    const updated = w.fake.of('chat.update').find((c) => c.args.channel === 'C0NORTH' && c.args.ts === ts)!;
    expect(visibleText(updated)).toContain('*Your answer*\nSubmitted (Ana Ruiz');
    expect(actionIds(updated)).toEqual(['call-contribute', 'call-declined']);
    expect(w.fake.of('chat.update').filter((c) => c.args.channel === 'C0KESTREL')).toEqual([]);
    const stored = await w.harness.store.calls.get('CI-2026-0001');
    expect(stored?.answers).toEqual({ northwind: { answer: 'submitted', by: 'ana', at: expect.any(Date) } });
  });

  it('shows the mandate team the table of answers with `status CI-…`, and a company’s person only their company’s card', async () => {
    await publishFromForm(w);
    await w.send.command(slashCommand('U0MARA', 'status CI-2026-0001', 'C0RANDOM'));
    const table = await w.fake.waitFor(ephemeralTo(w, 'U0MARA', `Answers to CI-2026-0001: ${TITLE}`), 'the table');
    expect(visibleText(table)).toContain('Kestrel Cloud');
    expect(visibleText(table)).toContain('Northwind Social');
    await w.send.command(slashCommand('U0KAI', 'status CI-2026-0001', 'C0KESTREL'));
    const card = await w.fake.waitFor(ephemeralTo(w, 'U0KAI', `CI-2026-0001 · Call for input: ${TITLE}`), 'the company card');
    expect(visibleText(card)).not.toContain('Northwind Social');
  });

  it('refuses the form to someone not on a mandate team, saying why, and tells someone who mentions the bot to use the command', async () => {
    await w.send.command(slashCommand('U0ANA', 'call'));
    await w.fake.waitFor(ephemeralTo(w, 'U0ANA', 'Only members of a mandate team can publish calls for input.'), 'the refusal');
    await w.send.event(mention({ user: 'U0MARA', text: '<@U0BOT> call' }));
    await w.fake.waitFor(ephemeralTo(w, 'U0MARA', 'The call form opens from the command: type `/preletter call`.'), 'the pointer to the command');
    expect(w.fake.of('views.open')).toEqual([]);
  });
});
