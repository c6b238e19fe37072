/**
 * Pure pieces of the Slack adapter: escaping, Block Kit rendering within Slack's
 * limits, opaque refs, the preview form's reading of submitted state, and the
 * edge's refusal of payloads it cannot read.
 */
import { clipMarkup, escapeUserText } from '../../../adapters/slack/escape';
import { readButton } from '../../../adapters/slack/inbound-actions';
import { readThreadReply } from '../../../adapters/slack/inbound-thread';
import { previewModal, readPreviewForm } from '../../../adapters/slack/preview-modal';
import { renderCard } from '../../../adapters/slack/render';
import {
  decodeMessageRef,
  decodeReplyTarget,
  decodeThreadRef,
  encodeMessageRef,
  encodeReplyTarget,
  encodeThreadRef,
} from '../../../adapters/slack/thread-ref';
import type { NeutralCard } from '../../../src/bot/ports';
import { previewValues, buttonClick, threadReply } from './support/slack-requests';

const CARD: NeutralCard = { title: 'T', body: [], fields: [], buttons: [], tone: 'info' };

describe('escaping', () => {
  it('escapes the three control characters and neutralises bare broadcast words', () => {
    expect(escapeUserText('a & b <!here> @Channel @everyone email@here.org')).toBe(
      'a &amp; b &lt;!here&gt; @\u2060Channel @\u2060everyone email@\u2060here.org',
    );
  });

  it('never cuts an entity or a mention in half when clipping', () => {
    expect(clipMarkup('abc &amp; def', 7)).toBe('abc …');
    expect(clipMarkup('hi <@U0ANA> there', 8)).toBe('hi …');
    expect(clipMarkup('short', 10)).toBe('short');
  });

  it('never cuts an emoji in half when clipping, which would leave invalid text', () => {
    expect(clipMarkup('ab😀😀', 4)).toBe('ab…');
    expect(renderCard({ ...CARD, title: '😀'.repeat(100) }).blocks[0]).toMatchObject({ text: { text: `${'😀'.repeat(74)}…` } });
  });

  it('neutralises a broadcast word followed by letters or digits, so clipping cannot leave a bare one', () => {
    expect(escapeUserText('@here0 @channels')).toBe('@\u2060here0 @\u2060channels');
    const { blocks } = renderCard({ ...CARD, buttons: [{ action: 'withdraw', label: 'W', value: 'PL-2026-0001', confirm: { title: 'T', text: 'x', confirm: 'Yes', deny: `${'y'.repeat(24)}@here0@here` } }] });
    expect(JSON.stringify(blocks)).not.toMatch(/@here/);
  });
});

describe('rendering', () => {
  it('renders header, sections, fields, context and actions, all mrkdwn verbatim', () => {
    const { blocks, text } = renderCard({
      title: 'PL-2026-0001 · preview',
      body: [[{ text: 'For ' }, { mention: { platform: 'slack', workspaceId: 'T0TEST', userId: 'U0ANA' }, name: 'Ana' }], [{ text: '' }]],
      fields: [{ label: 'Status', value: 'Awaiting <reply>' }],
      buttons: [{ action: 'acknowledge', label: 'Acknowledge', value: 'PL-2026-0001', style: 'primary' }],
      footer: 'Confidential',
      tone: 'success',
      threadLink: { url: 'https://x.slack.com/archives/C0NORTH/p1', label: 'Open thread' },
    });
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context', 'actions']);
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '✅ PL-2026-0001 · preview', emoji: true } });
    expect(blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'For <@U0ANA>', verbatim: true } });
    expect(blocks[2]).toEqual({ type: 'section', fields: [{ type: 'mrkdwn', text: '*Status*\nAwaiting &lt;reply&gt;', verbatim: true }] });
    expect(blocks[4]).toMatchObject({ elements: [{ action_id: 'acknowledge', value: 'PL-2026-0001', style: 'primary' }, { action_id: 'open-thread', url: 'https://x.slack.com/archives/C0NORTH/p1' }] });
    expect(text).toBe('PL-2026-0001 · preview\nFor <@U0ANA>');
  });

  it('renders a Teams identity or a malformed user id as a name, never as markup', () => {
    const { blocks } = renderCard({
      ...CARD,
      body: [[{ mention: { platform: 'teams', workspaceId: 'tenant', userId: 'U0ANA' }, name: 'Ana' }, { text: ' and ' }, { mention: { platform: 'slack', workspaceId: 'T0TEST', userId: '<!channel>' }, name: 'Bob <!here>' }]],
    });
    expect(blocks[1]).toMatchObject({ text: { text: 'Ana and Bob &lt;!here&gt;' } });
  });

  it('neutralises a broadcast word split over two text segments, or a name and a text', () => {
    const ada = { mention: { platform: 'teams' as const, workspaceId: 'tenant', userId: 'x' }, name: 'Ada @' };
    const { blocks, text } = renderCard({ ...CARD, body: [[{ text: 'ping @' }, { text: 'here' }, { text: ' and ' }, ada, { text: 'channel' }]] });
    expect(blocks[1]).toMatchObject({ text: { text: 'ping @\u2060here and Ada @\u2060channel' } });
    expect(text).toBe('T\nping @\u2060here and Ada @\u2060channel');
  });

  it('links only URLs the adapter issued, and drops a thread link that is not plain https', () => {
    const issued = 'https://x.slack.com/archives/C0NORTH/p1?thread_ts=1&cid=C0NORTH';
    const { blocks } = renderCard(
      { ...CARD, fields: [{ label: 'PL-2026-0001', value: `Awaiting reply · ${issued} · https://evil.example` }], threadLink: { url: 'javascript:alert(1)', label: 'Open thread' }, linkLabel: 'Open thread' },
      { trustedLinks: new Set([issued]) },
    );
    expect(blocks[1]).toMatchObject({
      fields: [{ text: '*PL-2026-0001*\nAwaiting reply · <https://x.slack.com/archives/C0NORTH/p1?thread_ts=1&amp;cid=C0NORTH|Open thread> · https://evil.example' }],
    });
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('links an issued URL among thousands, followed by a full stop, and prefers the longest issued link at one place', () => {
    const issued = new Set(Array.from({ length: 5000 }, (_, i) => `https://x.slack.com/archives/C0NORTH/p${1000 + i}`));
    issued.add('https://x.slack.com/archives/C0NORTH/p1000?thread_ts=1');
    const text = 'See https://x.slack.com/archives/C0NORTH/p4999. And https://x.slack.com/archives/C0NORTH/p1000?thread_ts=1 too';
    const { blocks } = renderCard({ ...CARD, fields: [{ label: 'L', value: text }], linkLabel: 'Open thread' }, { trustedLinks: issued });
    expect(blocks[1]).toMatchObject({
      fields: [
        {
          text:
            '*L*\nSee <https://x.slack.com/archives/C0NORTH/p4999|Open thread>. ' +
            'And <https://x.slack.com/archives/C0NORTH/p1000?thread_ts=1|Open thread> too',
        },
      ],
    });
  });

  it('keeps within Slack limits: 10 fields per section, 50 blocks, buttons kept last', () => {
    const long: NeutralCard = {
      ...CARD,
      title: 'x'.repeat(400),
      body: Array.from({ length: 60 }, (_, i) => [{ text: `line ${i} ${'y'.repeat(3100)}` }]),
      fields: Array.from({ length: 25 }, (_, i) => ({ label: `L${i}`, value: 'v' })),
      buttons: [{ action: 'withdraw', label: 'Withdraw', value: 'PL-2026-0001', style: 'danger', confirm: { title: 'Sure?', text: 'x'.repeat(500), confirm: 'Yes', deny: 'No' } }],
    };
    const { blocks } = renderCard(long);
    expect(blocks).toHaveLength(50);
    expect(blocks.at(-1)!.type).toBe('actions');
    expect((blocks[0] as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(150);
    expect((blocks[1] as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(3000);
    const confirm = (blocks.at(-1) as { elements: Array<{ confirm: { text: { text: string } } }> }).elements[0]!.confirm;
    expect(confirm.text.text.length).toBeLessThanOrEqual(300);
    const fieldSections = renderCard({ ...CARD, fields: long.fields }).blocks.filter((b) => 'fields' in b);
    expect(fieldSections.map((b) => (b as { fields: unknown[] }).fields.length)).toEqual([10, 10, 5]);
  });
});

describe('refs', () => {
  it('round-trips thread, message and reply refs canonically', () => {
    const thread = { teamId: 'T0TEST', channelId: 'C0NORTH', threadTs: '1772524801.000001' };
    expect(encodeThreadRef(thread)).toBe('slack:thread:T0TEST:C0NORTH:1772524801.000001');
    expect(decodeThreadRef(encodeThreadRef(thread))).toEqual(thread);
    expect(decodeMessageRef(encodeMessageRef({ channelId: 'D0ANA', ts: '1772524801.000002' }))).toEqual({ channelId: 'D0ANA', ts: '1772524801.000002' });
    expect(decodeReplyTarget(encodeReplyTarget({ channelId: 'C0NORTH' }))).toEqual({ channelId: 'C0NORTH' });
    expect(decodeReplyTarget(encodeReplyTarget({ channelId: 'C0NORTH', threadTs: '1772524801.000001' }))).toEqual({ channelId: 'C0NORTH', threadTs: '1772524801.000001' });
  });

  it.each([
    'slack:thread:T0TEST:C0NORTH',
    'slack:thread:T0TEST:C0NORTH:1772524801.000001:extra',
    'slack:thread:t0test:C0NORTH:1772524801.000001',
    'slack:thread:T0TEST:<!channel>:1772524801.000001',
    'slack:msg:C0NORTH:1772524801.000001',
    'teams:thread:T0TEST:C0NORTH:1772524801.000001',
  ])('refuses the malformed thread ref %s with a sentence', (ref) => {
    expect(() => decodeThreadRef(ref)).toThrow(expect.objectContaining({ code: 'internal', userMessage: expect.stringContaining('PreLetter admin') }));
  });
});

describe('the preview form', () => {
  const options = {
    company: { key: 'northwind', name: 'Northwind & Co <!here>' },
    mandates: [{ key: 'sr-a', title: 'Special Rapporteur A' }, { key: 'sr-b', title: 'Special Rapporteur B' }],
    topics: ['privacy', 'surveillance'],
  };
  const now = new Date('2026-03-03T08:00:00Z');

  it('asks for the mandate when the person is on several teams, and escapes directory text', () => {
    const view = previewModal(options, { platform: 'slack', workspaceId: 'T0TEST', channelId: 'C0NORTH' });
    expect(view.blocks.map((b) => b.block_id).filter(Boolean)).toEqual(['type', 'mandate', 'topics', 'summary', 'expected_date', 'urgent']);
    expect(JSON.stringify(view.blocks[0])).toContain('Northwind &amp; Co &lt;!here&gt;');
    const metadata = view.private_metadata!;
    expect(readPreviewForm({ privateMetadata: metadata, values: previewValues({ type: 'AL', topics: ['privacy'], summary: 'S' }) }, now)).toEqual({
      ok: false,
      errors: { mandate: 'Choose the mandate this letter comes from.' },
    });
    expect(readPreviewForm({ privateMetadata: metadata, values: previewValues({ type: 'UA', topics: ['privacy'], summary: ' S ', mandate: 'sr-b', urgent: true, date: '2026-04-01' }) }, now)).toEqual({
      ok: true,
      input: {
        channel: { platform: 'slack', workspaceId: 'T0TEST', channelId: 'C0NORTH' },
        type: 'UA',
        topics: ['privacy'],
        summary: 'S',
        urgent: true,
        expectedFormalDate: '2026-04-01',
        mandateKey: 'sr-b',
      },
    });
  });

  it('refuses a form whose private metadata was not made by PreLetter', () => {
    expect(() => readPreviewForm({ privateMetadata: '{"channelId":"C0OTHER"}', values: {} }, now)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });
});

describe('the edge', () => {
  it('names the field when a button click cannot be read', () => {
    const click = buttonClick({ user: 'U0ANA', action: 'acknowledge', ref: 'PL-2026-0001', channel: 'C0NORTH', messageTs: '1772524801.000001' });
    click.actions[0].value = 'DROP TABLE';
    expect(() => readButton(click)).toThrow(expect.objectContaining({ code: 'invalid-input', userMessage: expect.stringContaining('(ref)') }));
    click.actions[0].action_id = 'delete-everything';
    expect(() => readButton(click)).toThrow(
      expect.objectContaining({ userMessage: expect.stringContaining('(action)'), context: expect.objectContaining({ problem: expect.stringContaining('Invalid option: expected one of') }) }),
    );
  });

  it('reads only people’s replies inside threads as possible acknowledgements', () => {
    const base = { user: 'U0ANA', text: 'ack', threadTs: '1772524801.000001' };
    expect(readThreadReply(threadReply(base))).toMatchObject({ threadRef: 'slack:thread:T0TEST:C0NORTH:1772524801.000001', text: 'ack' });
    expect(readThreadReply(threadReply({ ...base, extra: { bot_id: 'B0BOT' } }))).toBeNull();
    expect(readThreadReply(threadReply({ ...base, extra: { subtype: 'message_changed' } }))).toBeNull();
    const topLevel = threadReply(base);
    topLevel.event.thread_ts = topLevel.event.ts;
    expect(readThreadReply(topLevel)).toBeNull();
  });
});
