/**
 * The edge: only Slack may talk to /slack/events (signature and timestamp checked
 * by Bolt's real receiver), a retried event is acted on once, and text typed by a
 * person can never notify, mention or link anyone in anything PreLetter posts.
 */
import { previewLetter } from '../../../src/bot/preview-letter';
import { NORTHWIND_CHANNEL, USERS } from '../../support/test-directory';
import { analyse, sentTexts, visibleText } from './support/slack-message-view';
import { previewValues, slashCommand, threadReply, viewSubmission } from './support/slack-requests';
import { openSlackWorld, type SlackWorld } from './support/slack-world';

const INJECTION = 'Heads up <!channel> <!here> <!everyone> <@U123> <#C123> <https://evil.example|click> & < > @channel @here';

describe('Slack: request authenticity', () => {
  let w: SlackWorld;
  beforeEach(async () => {
    w = await openSlackWorld();
    w.fake.clear(); // auth.test at start
  });
  afterEach(async () => w.close());

  it('answers a forged signature with 401 and records nothing', async () => {
    const envelope = threadReply({ user: 'U0ANA', text: 'ack', threadTs: '1772524801.000001' });
    const body = JSON.stringify(envelope);
    const forged = w.send.sign(body, Math.floor(Date.now() / 1000), 'not-the-secret');
    expect((await w.send.event(envelope, { signature: forged })).status).toBe(401);
    expect((await w.send.command(slashCommand('U0MARA', 'help'), { signature: 'v0=deadbeef' })).status).toBe(401);
    await w.slack.idle();
    expect(w.fake.calls).toEqual([]);
    // The forged event id was not recorded: the genuine delivery of the same id is still handled.
    expect(await w.deps.inbound.recordOnce('slack', `event:${envelope.event_id}`, new Date())).toBe(true);
  });

  it('answers a correctly signed request older than five minutes with 401', async () => {
    const old = Math.floor(Date.now() / 1000) - 5 * 60 - 5;
    expect((await w.send.command(slashCommand('U0MARA', 'help'), { timestamp: old })).status).toBe(401);
    await w.slack.idle();
    expect(w.fake.calls).toEqual([]);
    const fresh = await w.send.command(slashCommand('U0MARA', 'help'));
    expect(fresh.status).toBe(200);
    await w.fake.waitFor(() => w.fake.of('chat.postEphemeral')[0], 'help answer');
  });

  it('acts once on an event Slack retries with the same event_id', async () => {
    await previewLetter(w.deps, { actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'AL', topics: ['content-moderation'], summary: 'S.', urgent: false });
    const rootTs = String(w.fake.of('chat.postMessage')[0]!.result.ts);
    w.fake.clear();
    const envelope = threadReply({ user: 'U0ANA', text: 'ack', threadTs: rootTs });
    expect((await w.send.event(envelope)).status).toBe(200);
    await w.fake.waitFor(() => w.fake.of('chat.postEphemeral')[0], 'first acknowledgement');
    const retry = await w.send.event(envelope, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await w.slack.idle();
    // The channel card and each owner's copy of it, once each.
    expect(w.fake.of('chat.update').map((c) => c.args.channel).sort()).toEqual(['C0NORTH', 'D0ANA', 'D0WEI']);
    expect(w.fake.of('chat.postEphemeral')).toHaveLength(1);
    const letter = await w.harness.store.letters.get('PL-2026-0001');
    expect(letter?.audit.filter((a) => a.action === 'acknowledged')).toHaveLength(1);
  });
});

describe('Slack: text as typed', () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await openSlackWorld();
  });
  afterAll(async () => w.close());

  it("decodes Slack's entities once on the way in and escapes once on the way out", async () => {
    await previewLetter(w.deps, { actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'AL', topics: ['content-moderation'], summary: 'S.', urgent: false });
    // What Slack sends when someone types: withdraw PL-2026-0001 R&D <team> &lt;
    await w.send.command(slashCommand('U0MARA', 'withdraw PL-2026-0001 R&amp;D &lt;team&gt; &amp;lt;'));
    await w.fake.waitFor(() => w.fake.of('chat.postEphemeral')[0], 'withdraw confirmation');
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.withdrawReason).toBe('R&D <team> &lt;');
    const note = w.fake.of('chat.postMessage').find((c) => visibleText(c).includes('withdrew'))!;
    expect(JSON.stringify(note.args.blocks)).toContain('R&amp;D &lt;team&gt; &amp;lt;');
    expect(visibleText(note)).toContain('R&D <team> &lt;');
  });
});

describe('Slack: typed text cannot mention, broadcast or link', () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await openSlackWorld();
    await w.send.command(slashCommand('U0MARA', 'preview'));
    const view = (await w.fake.waitFor(() => w.fake.of('views.open')[0], 'views.open')).args.view as { private_metadata: string };
    await w.send.interaction(
      viewSubmission({ user: 'U0MARA', privateMetadata: view.private_metadata, values: previewValues({ type: 'AL', topics: ['content-moderation'], summary: INJECTION }) }),
    );
    await w.fake.waitFor(() => w.fake.of('chat.postEphemeral').find((c) => visibleText(c).includes('is open')), 'preview');
    await w.send.command(slashCommand('U0TOM', `sent PL-2026-0001 ${INJECTION}`));
    await w.fake.waitFor(() => w.fake.of('chat.postEphemeral').find((c) => c.args.user === 'U0TOM'), 'sent');
    await w.send.command(slashCommand('U0MARA', `withdraw PL-2026-0001 ${INJECTION}`));
    await w.fake.waitFor(() => w.fake.of('chat.postEphemeral').find((c) => visibleText(c).includes('is withdrawn')), 'withdrawn');
    await w.send.command(slashCommand('U0MARA', 'status PL-2026-0001'));
    await w.fake.waitFor(() => w.fake.of('chat.postEphemeral').find((c) => visibleText(c).includes('timeline')), 'timeline');
    await w.slack.idle();
  });
  afterAll(async () => w.close());

  it('shows the typed text as text in the root card, its updates, the thread notes and private answers', async () => {
    const root = w.fake.of('chat.postMessage')[0]!;
    const withdrawNote = w.fake.of('chat.postMessage').find((c) => visibleText(c).includes('withdrew this letter preview'))!;
    const sentCard = w.fake.of('chat.update')[0]!;
    const timeline = w.fake.of('chat.postEphemeral').find((c) => visibleText(c).includes('timeline'))!;
    for (const call of [root, withdrawNote, sentCard, timeline]) expect(visibleText(call)).toContain(INJECTION);
    expect(JSON.stringify(root.args.blocks)).toContain(
      'Heads up &lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U123&gt; &lt;#C123&gt; &lt;https://evil.example|click&gt; &amp; &lt; &gt; @\u2060channel @\u2060here',
    );
  });

  it('lets nothing it posted notify anyone but the routed owners, and links nothing but threads', async () => {
    const posts = w.fake.posts();
    expect(posts.length).toBeGreaterThanOrEqual(12);
    for (const call of posts) {
      const seen = analyse(call);
      expect({ method: call.method, broadcasts: seen.broadcasts }).toEqual({ method: call.method, broadcasts: [] });
      expect(seen.mentions.every((id) => id === 'U0ANA' || id === 'U0WEI')).toBe(true);
      expect(seen.links.every((url) => url.startsWith('https://preletter-test.slack.com/archives/C0NORTH/'))).toBe(true);
      for (const t of sentTexts(call)) {
        expect(t.text).not.toMatch(/&(?!amp;|lt;|gt;)/);
        if (t.type === 'mrkdwn') expect(t.verbatim).toBe(true);
      }
    }
    const intro = posts.find((c) => visibleText(c).includes('For the attention of'))!;
    expect(analyse(intro).mentions).toEqual(expect.arrayContaining(['U0ANA', 'U0WEI']));
  });
});
