/**
 * The whole Slack experience of one letter, through Bolt's real receiver over HTTP:
 * /preletter preview → modal → submit → root card, thread mentions and DMs →
 * Acknowledge button → /preletter sent → Record reply button. Also the thread
 * reply `ack` and a mention.
 */
import { decodeThreadRef } from '../../../adapters/slack/thread-ref';
import type { RecordedApiCall } from './support/slack-api-fake';
import { visibleText } from './support/slack-message-view';
import { buttonClick, mention, previewValues, slashCommand, threadReply, viewSubmission } from './support/slack-requests';
import { BOT_TOKEN, openSlackWorld, type SlackWorld } from './support/slack-world';

const SUMMARY = 'Takedown of protest footage in the run-up to the election.';

function actionIds(call: RecordedApiCall): string[] {
  const blocks = call.args.blocks as Array<{ type: string; elements?: Array<{ action_id?: string }> }>;
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements!.map((e) => e.action_id!));
}

function ephemeralTo(w: SlackWorld, user: string, containing: string): () => RecordedApiCall | undefined {
  return () => w.fake.of('chat.postEphemeral').find((c) => c.args.user === user && visibleText(c).includes(containing));
}

/** Runs the command and the modal submission; returns the root card call. */
async function preview(w: SlackWorld, summary = SUMMARY): Promise<RecordedApiCall> {
  expect((await w.send.command(slashCommand('U0MARA', 'preview'))).status).toBe(200);
  const opened = await w.fake.waitFor(() => w.fake.of('views.open')[0], 'views.open');
  const view = opened.args.view as { private_metadata: string };
  const submit = await w.send.interaction(
    viewSubmission({ user: 'U0MARA', privateMetadata: view.private_metadata, values: previewValues({ type: 'AL', topics: ['content-moderation'], summary, date: '2026-03-20' }) }),
  );
  expect(submit.status).toBe(200);
  expect(submit.text).toBe('');
  await w.fake.waitFor(ephemeralTo(w, 'U0MARA', 'is open in the company\'s channel'), 'preview confirmation');
  return w.fake.of('chat.postMessage').find((c) => c.args.channel === 'C0NORTH' && !c.args.thread_ts)!;
}

describe('Slack: a letter from preview to reply', () => {
  let w: SlackWorld;
  beforeEach(async () => {
    w = await openSlackWorld();
  });
  afterEach(async () => w.close());

  it('opens the preview form with the topics and limits the directory allows', async () => {
    const reply = await w.send.command(slashCommand('U0MARA', 'preview'));
    expect(reply).toMatchObject({ status: 200, text: '' });
    const opened = await w.fake.waitFor(() => w.fake.of('views.open')[0], 'views.open');
    expect(opened.token).toBe(BOT_TOKEN);
    const view = opened.args.view as any;
    expect(view.callback_id).toBe('preletter-preview');
    expect(JSON.parse(view.private_metadata)).toEqual({ v: 1, workspaceId: 'T0TEST', channelId: 'C0NORTH', mandateChoice: false });
    const block = (id: string) => view.blocks.find((b: any) => b.block_id === id);
    expect(block('topics').element.options.map((o: any) => o.value)).toEqual(['content-moderation', 'surveillance']);
    expect(block('type').element.options.map((o: any) => o.value)).toEqual(['UA', 'AL', 'OL']);
    expect(block('summary').element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 1500 });
    expect(block('expected_date').element.type).toBe('datepicker');
    expect(block('urgent').element.type).toBe('checkboxes');
    expect(block('mandate')).toBeUndefined();
    expect(visibleText(opened)).toContain('Preview a letter to Northwind Social.');
  });

  it('posts the root card in the bound channel, mentions the owners in its thread and messages them', async () => {
    const root = await preview(w);
    const rootTs = String(root.result.ts);
    expect(visibleText(root)).toContain(SUMMARY);
    expect(actionIds(root)).toEqual(['acknowledge', 'mark-sent', 'withdraw']);
    const withdrawButton = (root.args.blocks as any[]).find((b) => b.type === 'actions').elements.find((e: any) => e.action_id === 'withdraw');
    expect(withdrawButton).toMatchObject({ value: 'PL-2026-0001', style: 'danger', confirm: { confirm: { text: 'Withdraw' }, style: 'danger' } });
    // Form-encoded by the Web API client, as Slack receives it.
    expect(root.args).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false', parse: 'none', link_names: 'false' });

    const intro = w.fake.of('chat.postMessage').find((c) => c.args.thread_ts === rootTs)!;
    expect(intro.args.channel).toBe('C0NORTH');
    expect(String(intro.args.text)).toContain('<@U0ANA>');
    expect(JSON.stringify(intro.args.blocks)).toContain('For the attention of <@U0ANA> and <@U0WEI>');

    expect(w.fake.of('conversations.open').map((c) => c.args.users)).toEqual(['U0ANA', 'U0WEI']);
    const dms = w.fake.of('chat.postMessage').filter((c) => String(c.args.channel).startsWith('D'));
    expect(dms.map((c) => c.args.channel)).toEqual(['D0ANA', 'D0WEI']);
    expect(actionIds(dms[0]!)).toEqual(['acknowledge', 'open-thread']);
    const link = (dms[0]!.args.blocks as any[]).find((b) => b.type === 'actions').elements.find((e: any) => e.action_id === 'open-thread');
    expect(link.url).toBe(w.fake.permalink('C0NORTH', rootTs));

    const stored = await w.harness.store.letters.get('PL-2026-0001');
    expect(stored).toMatchObject({ type: 'AL', topics: ['content-moderation'], summary: SUMMARY, expectedFormalDate: '2026-03-20' });
    expect(decodeThreadRef(stored!.threads[0]!.threadRef)).toEqual({ teamId: 'T0TEST', channelId: 'C0NORTH', threadTs: rootTs });
    expect(stored!.threads[0]!.rootMessageRef).toBe(`slack:msg:C0NORTH:${rootTs}`);
  });

  it('runs acknowledge (button) → sent (command) → replied (button), updating the root card in place', async () => {
    const root = await preview(w);
    const rootTs = String(root.result.ts);
    const updatesOfRoot = () => w.fake.of('chat.update').filter((c) => c.args.channel === 'C0NORTH' && c.args.ts === rootTs);

    w.harness.clock.advanceHours(2);
    const click = await w.send.interaction(buttonClick({ user: 'U0ANA', action: 'acknowledge', ref: 'PL-2026-0001', channel: 'C0NORTH', messageTs: rootTs }));
    expect(click).toMatchObject({ status: 200, text: '' });
    await w.fake.waitFor(ephemeralTo(w, 'U0ANA', 'PL-2026-0001 is acknowledged'), 'acknowledgement confirmation');
    expect(visibleText(updatesOfRoot()[0]!)).toContain('Acknowledged');
    expect(actionIds(updatesOfRoot()[0]!)).toEqual(['mark-sent', 'withdraw']);
    expect(w.fake.of('chat.postMessage').some((c) => c.args.thread_ts === rootTs && visibleText(c).includes('Ana Ruiz acknowledged this preview'))).toBe(true);

    expect((await w.send.command(slashCommand('U0TOM', 'sent PL-2026-0001 AL OTH 12/2026'))).status).toBe(200);
    await w.fake.waitFor(ephemeralTo(w, 'U0TOM', 'the reply is due by'), 'sent confirmation');
    expect(visibleText(updatesOfRoot()[1]!)).toContain('Awaiting reply');
    expect(visibleText(updatesOfRoot()[1]!)).toContain('AL OTH 12/2026');
    expect(actionIds(updatesOfRoot()[1]!)).toEqual(['record-reply', 'withdraw']);

    w.harness.clock.advanceDays(20);
    await w.send.interaction(buttonClick({ user: 'U0MARA', action: 'record-reply', ref: 'PL-2026-0001', channel: 'C0NORTH', messageTs: rootTs }));
    await w.fake.waitFor(ephemeralTo(w, 'U0MARA', 'has its reply'), 'reply confirmation');
    expect(visibleText(updatesOfRoot()[2]!)).toContain('Replied');
    expect(actionIds(updatesOfRoot()[2]!)).toEqual([]);

    const stored = await w.harness.store.letters.get('PL-2026-0001');
    expect([stored?.acknowledged?.by, stored?.formalSent?.by, stored?.replied?.by]).toEqual(['ana', 'tom', 'mara']);
    expect(stored?.officialSymbol).toBe('AL OTH 12/2026');
  });

  it('acknowledges from the direct message button, answering in that direct message', async () => {
    await preview(w);
    const dm = w.fake.of('chat.postMessage').find((c) => c.args.channel === 'D0WEI')!;
    await w.send.interaction(buttonClick({ user: 'U0WEI', action: 'acknowledge', ref: 'PL-2026-0001', channel: 'D0WEI', messageTs: String(dm.result.ts) }));
    const answer = await w.fake.waitFor(ephemeralTo(w, 'U0WEI', 'is acknowledged'), 'acknowledgement in DM');
    expect(answer.args.channel).toBe('D0WEI');
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.acknowledged?.by).toBe('wei');

    // Both owners' copies of the card are updated in place: acknowledged, no Acknowledge button left.
    for (const channel of ['D0WEI', 'D0ANA']) {
      const sentThere = w.fake.of('chat.postMessage').find((c) => c.args.channel === channel)!;
      const update = await w.fake.waitFor(
        () => w.fake.of('chat.update').find((c) => c.args.channel === channel && c.args.ts === sentThere.result.ts),
        `the card in ${channel} updated`,
      );
      expect(visibleText(update)).toContain('Acknowledged');
      expect(actionIds(update)).toEqual(['open-thread']);
    }
  });

  it('acknowledges when an owner replies `ack` in the letter thread, and ignores other thread talk', async () => {
    const root = await preview(w);
    const rootTs = String(root.result.ts);
    await w.send.event(threadReply({ user: 'U0ANA', text: 'Thanks, looking into it', threadTs: rootTs }));
    await w.send.event(threadReply({ user: 'U0ANA', text: 'ack', threadTs: rootTs, extra: { subtype: 'message_changed' } }));
    await w.slack.idle();
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.acknowledged).toBeUndefined();

    const reply = await w.send.event(threadReply({ user: 'U0ANA', text: 'ACK', threadTs: rootTs }));
    expect(reply.status).toBe(200);
    const answer = await w.fake.waitFor(ephemeralTo(w, 'U0ANA', 'is acknowledged'), 'ack confirmation');
    expect(answer.args).toMatchObject({ channel: 'C0NORTH', thread_ts: rootTs });
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.acknowledged?.by).toBe('ana');
  });

  it('reads the text after an @-mention as a command and answers privately', async () => {
    await preview(w);
    await w.send.event(mention({ user: 'U0MARA', text: '<@U0BOT> status PL-2026-0001' }));
    const answer = await w.fake.waitFor(ephemeralTo(w, 'U0MARA', 'PL-2026-0001 timeline'), 'status answer');
    expect(answer.args.channel).toBe('C0NORTH');
    expect(visibleText(answer)).toContain(SUMMARY);
  });
});
