/**
 * A company's flag on Slack, through Bolt's real receiver over HTTP: `/preletter flag` →
 * the modal (views.open) → a submission with mistakes (answered in the modal) → a valid
 * submission → the flag card in the mandate's channel, the company person told privately →
 * the card's Acknowledge button → the card updated in place. Also who may not, and status.
 */
import { expectValidBlockKit, type MessagePayload } from '../../support/card-rules/block-kit';
import { TEST_DIRECTORY } from '../../support/test-directory';
import type { RecordedApiCall } from './support/slack-api-fake';
import { visibleText } from './support/slack-message-view';
import { buttonClick, flagSubmission, flagValues, mention, slashCommand } from './support/slack-requests';
import { openSlackWorld, type SlackWorld } from './support/slack-world';

const MANDATE_CHANNEL = 'C0MANDATE';
const ISSUE = 'Police asked for the data of people at a protest.';

function actionIds(call: RecordedApiCall): string[] {
  const blocks = call.args.blocks as Array<{ type: string; elements?: Array<{ action_id?: string }> }>;
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements!.map((e) => e.action_id!));
}

function ephemeralTo(w: SlackWorld, user: string, containing: string): () => RecordedApiCall | undefined {
  return () => w.fake.of('chat.postEphemeral').find((c) => c.args.user === user && visibleText(c).includes(containing));
}

/** `/preletter flag` by this person in this channel; the modal Slack was asked to open. */
async function openForm(w: SlackWorld, user = 'U0ANA', channel = 'C0NORTH'): Promise<any> {
  expect(await w.send.command(slashCommand(user, 'flag', channel))).toMatchObject({ status: 200, text: '' });
  return (await w.fake.waitFor(() => w.fake.of('views.open').at(-1), 'views.open')).args.view;
}

describe('Slack: a company raises a flag', () => {
  let w: SlackWorld;
  beforeEach(async () => {
    w = await openSlackWorld();
    const channel = { platform: 'slack' as const, workspaceId: 'T0TEST', channelId: MANDATE_CHANNEL };
    await w.harness.store.directory.apply({ ...TEST_DIRECTORY, mandates: TEST_DIRECTORY.mandates.map((m) => ({ ...m, channel })) });
  });
  afterEach(async () => w.close());

  it('opens the flag modal with the topics the mandates cover, the mandates, a summary within the limit and urgency', async () => {
    const view = await openForm(w);
    expectValidBlockKit(view, 'modal', 'the flag modal');
    expect(view.callback_id).toBe('preletter-flag');
    expect(JSON.parse(view.private_metadata)).toEqual({ v: 1, workspaceId: 'T0TEST', channelId: 'C0NORTH', replyIn: 'C0NORTH' });
    const block = (id: string) => view.blocks.find((b: any) => b.block_id === id);
    expect(block('flag_topics').element).toMatchObject({ type: 'multi_static_select', options: [{ value: 'content-moderation' }, { value: 'surveillance' }] });
    expect(block('flag_summary').element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 1500 });
    expect(block('flag_mandate')).toMatchObject({ optional: true, element: { type: 'static_select', options: [{ value: 'sr-expression', text: { text: 'Special Rapporteur on freedom of opinion and expression' } }] } });
    expect(block('flag_urgent').element.type).toBe('checkboxes');
    expect(visibleText(w.fake.of('views.open')[0]!)).toContain('Raise an issue with the UN Special Procedures for Northwind Social.');
  });

  it('keeps the modal open with a sentence under each field at fault, and raises nothing', async () => {
    const view = await openForm(w);
    const reply = await w.send.interaction(flagSubmission({ user: 'U0ANA', privateMetadata: view.private_metadata, values: flagValues({ topics: [], summary: '   ' }) }));
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({
      response_action: 'errors',
      errors: { flag_topics: 'Choose at least one topic.', flag_summary: 'Write a short summary of the issue.' },
    });
    await w.slack.idle();
    expect(await w.harness.store.flags.get('FL-2026-0001')).toBeNull();
  });

  it('raises the flag once from the submission, posts its card in the mandate channel, and tells the person privately where it went', async () => {
    const view = await openForm(w);
    const submission = flagSubmission({ user: 'U0ANA', privateMetadata: view.private_metadata });
    expect(await w.send.interaction(submission)).toMatchObject({ status: 200, text: '' });
    const told = await w.fake.waitFor(ephemeralTo(w, 'U0ANA', 'FL-2026-0001 is with Special Rapporteur on freedom of opinion and expression'), 'the confirmation');
    expect(told.args.channel).toBe('C0NORTH');
    // Slack sends the same submission again (a retry): still one flag, one card.
    await w.send.interaction(submission);
    await w.slack.idle();

    const cards = w.fake.of('chat.postMessage').filter((c) => c.args.channel === MANDATE_CHANNEL);
    expect(cards).toHaveLength(1);
    expect(visibleText(cards[0]!)).toContain(ISSUE);
    expect(visibleText(cards[0]!)).toContain('FL-2026-0001 · Flag from Northwind Social');
    expect(actionIds(cards[0]!)).toEqual(['acknowledge-flag']);
    expectValidBlockKit({ blocks: cards[0]!.args.blocks, text: cards[0]!.args.text } as MessagePayload, 'message', 'the flag card');
    expect(w.fake.of('chat.postMessage').filter((c) => c.args.channel === 'C0NORTH')).toEqual([]);
    expect(await w.harness.store.flags.get('FL-2026-0002')).toBeNull();
    expect(await w.harness.store.flags.get('FL-2026-0001')).toMatchObject({ companyKey: 'northwind', summary: ISSUE, topics: ['surveillance'], channel: { channelId: 'C0NORTH' } });
  });

  it('acknowledges from the card’s button: the card shows who did for which mandate, without the button; someone else is refused as by command', async () => {
    const view = await openForm(w);
    await w.send.interaction(flagSubmission({ user: 'U0ANA', privateMetadata: view.private_metadata }));
    const card = await w.fake.waitFor(() => w.fake.of('chat.postMessage').find((c) => c.args.channel === MANDATE_CHANNEL), 'the flag card');
    const ts = String(card.result.ts);

    await w.send.interaction(buttonClick({ user: 'U0ANA', action: 'acknowledge-flag', ref: 'FL-2026-0001', channel: MANDATE_CHANNEL, messageTs: ts }));
    await w.fake.waitFor(ephemeralTo(w, 'U0ANA', 'Only the team of a mandate that FL-2026-0001 was sent to can acknowledge it.'), 'the refusal by button');
    await w.send.command(slashCommand('U0ANA', 'ack FL-2026-0001'));
    const byCommand = await w.fake.waitFor(() => w.fake.of('chat.postEphemeral').filter((c) => c.args.user === 'U0ANA').at(-1), 'the refusal by command');
    expect(visibleText(byCommand)).toContain('Only the team of a mandate that FL-2026-0001 was sent to can acknowledge it.');
    expect(w.fake.of('chat.update')).toEqual([]);

    w.harness.clock.advanceHours(2);
    const click = await w.send.interaction(buttonClick({ user: 'U0TOM', action: 'acknowledge-flag', ref: 'FL-2026-0001', channel: MANDATE_CHANNEL, messageTs: ts }));
    expect(click).toMatchObject({ status: 200, text: '' });
    await w.fake.waitFor(ephemeralTo(w, 'U0TOM', 'FL-2026-0001 is acknowledged'), 'the acknowledgement');
    const updated = w.fake.of('chat.update').find((c) => c.args.channel === MANDATE_CHANNEL && c.args.ts === ts)!;
    expect(visibleText(updated)).toContain('Tom Arlen, for the Special Rapporteur on freedom of opinion and expression');
    expect(actionIds(updated)).toEqual([]);
    expect((await w.harness.store.flags.get('FL-2026-0001'))?.acknowledged).toMatchObject({ by: 'tom', mandateKey: 'sr-expression' });
    await w.fake.waitFor(() => w.fake.of('chat.postMessage').find((c) => c.args.channel === 'D0ANA' && visibleText(c).includes('Tom Arlen acknowledged FL-2026-0001')), 'the company told');
  });

  it('refuses the form to a mandate team member, saying why, and tells someone who mentions the bot to use the command', async () => {
    await w.send.command(slashCommand('U0MARA', 'flag'));
    await w.fake.waitFor(ephemeralTo(w, 'U0MARA', 'As a member of a mandate team, you can preview a letter to a company with `/preletter preview` instead.'), 'the refusal');
    await w.send.event(mention({ user: 'U0ANA', text: '<@U0BOT> flag' }));
    await w.fake.waitFor(ephemeralTo(w, 'U0ANA', 'The flag form opens from the command: type `/preletter flag`.'), 'the pointer to the command');
    expect(w.fake.of('views.open')).toEqual([]);
  });

  it('lists the company’s flag to its people in status, with where it stands', async () => {
    const view = await openForm(w);
    await w.send.interaction(flagSubmission({ user: 'U0ANA', privateMetadata: view.private_metadata }));
    await w.fake.waitFor(ephemeralTo(w, 'U0ANA', 'FL-2026-0001 is with'), 'the confirmation');
    await w.send.command(slashCommand('U0DANA', 'status'));
    const answer = await w.fake.waitFor(ephemeralTo(w, 'U0DANA', 'FL-2026-0001'), 'the status answer');
    expect(visibleText(answer)).toContain('Awaiting acknowledgement');
    expect(visibleText(answer)).not.toContain(ISSUE);
  });
});

describe('Slack: a flag to a mandate without a channel', () => {
  let w: SlackWorld;
  beforeEach(async () => {
    w = await openSlackWorld();
  });
  afterEach(async () => w.close());

  it('messages each team member the card, and updates the copy pressed in a direct message', async () => {
    const view = await openForm(w);
    await w.send.interaction(flagSubmission({ user: 'U0ANA', privateMetadata: view.private_metadata, values: flagValues({ topics: ['surveillance'], summary: ISSUE, urgent: true }) }));
    const dm = await w.fake.waitFor(() => w.fake.of('chat.postMessage').find((c) => c.args.channel === 'D0TOM'), 'the direct message');
    expect(visibleText(dm)).toContain('Marked urgent by the company.');
    expect(actionIds(dm)).toEqual(['acknowledge-flag']);
    await w.send.interaction(buttonClick({ user: 'U0TOM', action: 'acknowledge-flag', ref: 'FL-2026-0001', channel: 'D0TOM', messageTs: String(dm.result.ts) }));
    const updated = await w.fake.waitFor(() => w.fake.of('chat.update').find((c) => c.args.channel === 'D0TOM' && c.args.ts === dm.result.ts), 'the copy updated');
    expect(actionIds(updated)).toEqual([]);
    expect(visibleText(updated)).toContain('Tom Arlen, for the Special Rapporteur');
  });
});
