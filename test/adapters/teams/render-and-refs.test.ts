/**
 * Pure pieces of the Teams adapter: opaque refs (with the service URL inside),
 * escaping of user text for message text and Adaptive Cards, and rendering of the
 * neutral card as an Adaptive Card with real mentions and Universal Actions.
 */
import { escapeCardText, WORD_JOINER } from '../../../adapters/teams/escape';
import { ADAPTIVE_CARD_CONTENT_TYPE, renderAdaptiveCard } from '../../../adapters/teams/render';
import {
  decodeMessageRef,
  decodeThreadRef,
  encodeMessageRef,
  encodeThreadRef,
  replyChainId,
  type TeamsThread,
} from '../../../adapters/teams/thread-ref';
import type { NeutralCard } from '../../../src/bot/ports';
import { PreLetterError } from '../../../src/domain/errors';

const WJ = WORD_JOINER;
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ANA_AAD = '0b6e6c7e-1d2a-4c3b-9f8e-123456789abc';
const THREAD: TeamsThread = {
  conversationId: '19:abc123@thread.tacv2',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  tenantId: TENANT,
  rootActivityId: '1712345678901',
};
const CARD: NeutralCard = { title: 'T', body: [], fields: [], buttons: [], tone: 'info' };
const HOSTILE = '<at>Eve</at> [click](https://evil.example) https://evil.example www.evil.example & < >';

type Json = Record<string, any>;
const content = (card: NeutralCard): Json => renderAdaptiveCard(card).attachment.content as Json;
const container = (card: NeutralCard): Json => content(card).body[0];

function expectNeutralised(text: string): void {
  expect(text).not.toContain('<at>');
  expect(text).not.toContain('</at>');
  expect(text).not.toContain('](');
  expect(text).not.toMatch(/https?:\/\//);
  expect(text).not.toMatch(/www\./i);
  expect(text).not.toMatch(/&(?!\u2060)/);
  expect(text).not.toMatch(/<(?!\u2060)/);
  // What the person typed is still all there once the invisible joiners are removed.
  expect(text.split(WJ).join('')).toBe(HOSTILE);
}

function expectRefused(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PreLetterError);
    expect((err as PreLetterError).code).toBe('invalid-input');
    return;
  }
  throw new Error('expected the ref to be refused');
}

describe('Teams refs', () => {
  it('round-trips a thread ref and spells the same thread the same way every time', () => {
    const ref = encodeThreadRef(THREAD);
    expect(ref.startsWith('teams1:')).toBe(true);
    expect(decodeThreadRef(ref)).toEqual(THREAD);
    expect(encodeThreadRef({ ...THREAD })).toBe(ref);
  });

  it('round-trips a message ref, including one inside a reply chain', () => {
    const message = { conversationId: replyChainId(THREAD), serviceUrl: THREAD.serviceUrl, tenantId: TENANT, activityId: '1712345678999' };
    expect(decodeMessageRef(encodeMessageRef(message))).toEqual(message);
  });

  it('accepts a local emulator service URL over http but no other plain-http host', () => {
    const local = { ...THREAD, serviceUrl: 'http://127.0.0.1:3979/' };
    expect(decodeThreadRef(encodeThreadRef(local))).toEqual(local);
    expect(decodeThreadRef(encodeThreadRef({ ...THREAD, serviceUrl: 'http://localhost:3979' })).serviceUrl).toBe('http://localhost:3979');
    expectRefused(() => encodeThreadRef({ ...THREAD, serviceUrl: 'http://evil.example/' }));
  });

  it('refuses a forged ref that points at a foreign host even when it is well encoded', () => {
    const forged = 'teams1:' + Buffer.from(JSON.stringify({ k: 'thread', ...THREAD, serviceUrl: 'http://evil.example/' })).toString('base64url');
    expectRefused(() => decodeThreadRef(forged));
    const extra = 'teams1:' + Buffer.from(JSON.stringify({ k: 'thread', ...THREAD, admin: true })).toString('base64url');
    expectRefused(() => decodeThreadRef(extra));
  });

  it('refuses malformed refs, Slack refs and a message ref used as a thread ref', () => {
    for (const bad of ['', 'teams1:', 'teams1:!!!', 'teams1:bm90IGpzb24', 'teams2:' + encodeThreadRef(THREAD).slice(7), 'slack:thread:T0TEST:C0NORTH:1712345678.000100']) {
      expectRefused(() => decodeThreadRef(bad));
      expectRefused(() => decodeMessageRef(bad));
    }
    const message = encodeMessageRef({ conversationId: THREAD.conversationId, serviceUrl: THREAD.serviceUrl, tenantId: TENANT, activityId: '1' });
    expectRefused(() => decodeThreadRef(message));
    expectRefused(() => decodeMessageRef(encodeThreadRef(THREAD)));
  });

  it('refuses to encode a thread whose conversation id would corrupt the reply chain id', () => {
    expectRefused(() => encodeThreadRef({ ...THREAD, conversationId: '19:abc@thread.tacv2;messageid=1' }));
    expectRefused(() => encodeThreadRef({ ...THREAD, rootActivityId: '' }));
  });

  it('addresses the reply chain under the root card as Teams expects', () => {
    expect(replyChainId(THREAD)).toBe('19:abc123@thread.tacv2;messageid=1712345678901');
  });
});

describe('Teams escaping', () => {
  it('breaks tags, entities and links in card text without changing what is shown', () => {
    expectNeutralised(escapeCardText(HOSTILE));
    expect(escapeCardText('a &lt; b')).toBe(`a &${WJ}lt; b`);
  });

  it('breaks www. after an underscore (GFM links it there too) and every ://, whatever precedes it', () => {
    expect(escapeCardText('_www.evil.example 1https://x +://y')).toBe(`_www${WJ}.evil.example 1https:${WJ}//x +:${WJ}//y`);
  });

  it('leaves ordinary text and harmless @words alone', () => {
    expect(escapeCardText('Letter to Acme Ltd re @channel, 3 pages')).toBe('Letter to Acme Ltd re @channel, 3 pages');
  });
});

describe('Teams rendering', () => {
  it('writes command hints for Teams (`@PreLetter status`), and never rewrites what people wrote', () => {
    const card: NeutralCard = {
      title: 'PreLetter commands',
      body: [[{ text: 'Check it with ' }, { command: { name: 'status' } }, { text: '.' }], [{ text: 'see /preletter docs' }]],
      fields: [{ label: 'Summary', value: 'see /preletter docs' }],
      buttons: [],
      tone: 'info',
    };
    const json = JSON.stringify(content(card));
    expect(json).toContain('Check it with **@PreLetter status**.');
    expect(json.match(/see \/preletter docs/g)).toHaveLength(2);
  });

  it('renders an Adaptive Card 1.5 attachment with a bold title, paragraphs, facts and a subtle footer', () => {
    const { attachment, entities } = renderAdaptiveCard({
      ...CARD,
      title: 'PL-2026-0001 · preview',
      body: [[{ text: 'First' }], [{ text: '' }], [{ text: 'Second' }]],
      fields: [{ label: 'Status', value: 'Awaiting reply' }],
      footer: 'Confidential',
    });
    expect(attachment.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = attachment.content as Json;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(card.body[0].items).toEqual([
      { type: 'TextBlock', text: 'PL-2026-0001 · preview', wrap: true, weight: 'Bolder', size: 'Medium' },
      { type: 'TextBlock', text: 'First', wrap: true },
      { type: 'TextBlock', text: 'Second', wrap: true },
      { type: 'FactSet', facts: [{ title: 'Status', value: 'Awaiting reply' }] },
      { type: 'TextBlock', text: 'Confidential', wrap: true, size: 'Small', isSubtle: true },
    ]);
    expect(card.actions).toBeUndefined();
    expect(entities).toEqual([]);
  });

  it('neutralises mentions, links and markup in the title, body, fields and footer', () => {
    const items = container({
      ...CARD,
      title: HOSTILE,
      body: [[{ text: HOSTILE }]],
      fields: [{ label: HOSTILE, value: HOSTILE }],
      footer: HOSTILE,
    }).items as Json[];
    const texts = [items[0]!.text, items[1]!.text, items[2]!.facts[0].title, items[2]!.facts[0].value, items[3]!.text];
    expect(texts).toHaveLength(5);
    for (const text of texts) expectNeutralised(text);
    expect(renderAdaptiveCard({ ...CARD, title: HOSTILE }).entities).toEqual([]);
  });

  it('breaks a link split over two text segments, or over a name shown as text and a text', () => {
    const eve = { mention: { platform: 'slack' as const, workspaceId: 'T0TEST', userId: 'U0EVE' }, name: 'https:' };
    const items = container({ ...CARD, body: [[{ text: '[x]' }, { text: '(https://evil.example)' }], [eve, { text: '//evil.example' }]] }).items as Json[];
    expect(items[1]!.text).toBe(`[${WJ}x]${WJ}(https:${WJ}//evil.example)`);
    expect(items[2]!.text).toBe(`https:${WJ}//evil.example`);
  });

  it('turns a mention segment into an <at> tag with exactly one matching entity', () => {
    const ana = { mention: { platform: 'teams' as const, workspaceId: TENANT, userId: ANA_AAD }, name: 'Ana' };
    const rendered = renderAdaptiveCard({ ...CARD, body: [[{ text: 'For ' }, ana, { text: ' and again ' }, ana]] });
    const card = rendered.attachment.content as Json;
    expect(card.body[0].items[1].text).toBe('For <at>Ana</at> and again <at>Ana</at>');
    const expected = [{ type: 'mention', text: '<at>Ana</at>', mentioned: { id: ANA_AAD, name: 'Ana' } }];
    expect(rendered.entities).toEqual(expected);
    expect(card.msteams.entities).toEqual(expected);
  });

  it('accepts a 29: Bot Framework id as a mention target', () => {
    const { entities } = renderAdaptiveCard({ ...CARD, body: [[{ mention: { platform: 'teams', workspaceId: TENANT, userId: '29:1abcDEF' }, name: 'Bo' }]] });
    expect(entities).toEqual([{ type: 'mention', text: '<at>Bo</at>', mentioned: { id: '29:1abcDEF', name: 'Bo' } }]);
  });

  it('renders a Slack identity, a malformed id or a hostile name as escaped text, never as a mention', () => {
    const rendered = renderAdaptiveCard({
      ...CARD,
      body: [[
        { mention: { platform: 'slack', workspaceId: 'T0TEST', userId: 'U0ANA' }, name: 'Ana' },
        { text: ' ' },
        { mention: { platform: 'teams', workspaceId: TENANT, userId: '<at>x</at>' }, name: '<at>Eve</at>' },
      ]],
    });
    expect((rendered.attachment.content as Json).body[0].items[1].text).toBe(`Ana <${WJ}at${WJ}>Eve<${WJ}/at${WJ}>`);
    expect(rendered.entities).toEqual([]);
  });

  it('escapes a mentioned person’s name inside the tag and its entity alike', () => {
    const { entities } = renderAdaptiveCard({ ...CARD, body: [[{ mention: { platform: 'teams', workspaceId: TENANT, userId: ANA_AAD }, name: 'Ana [x](https://e.example)' }]] });
    expect(entities).toHaveLength(1);
    expect(entities[0]!.text).toBe(`<at>Ana [${WJ}x]${WJ}(https:${WJ}//e.example)</at>`);
    expect(entities[0]!.mentioned.name).toBe('Ana [x](https://e.example)');
  });

  it('renders buttons as Action.Execute with the action as verb and the letter ref as data, each with an Action.Submit fallback carrying the same', () => {
    const card = content({
      ...CARD,
      buttons: [
        { action: 'acknowledge', label: 'Acknowledge', value: 'PL-2026-0001', style: 'primary' },
        { action: 'mark-sent', label: 'Mark sent', value: 'PL-2026-0001' },
      ],
    });
    expect(card.actions).toEqual([
      {
        type: 'Action.Execute',
        title: 'Acknowledge',
        verb: 'acknowledge',
        data: { ref: 'PL-2026-0001' },
        style: 'positive',
        fallback: { type: 'Action.Submit', title: 'Acknowledge', data: { ref: 'PL-2026-0001', preletterVerb: 'acknowledge' } },
      },
      {
        type: 'Action.Execute',
        title: 'Mark sent',
        verb: 'mark-sent',
        data: { ref: 'PL-2026-0001' },
        fallback: { type: 'Action.Submit', title: 'Mark sent', data: { ref: 'PL-2026-0001', preletterVerb: 'mark-sent' } },
      },
    ]);
  });

  it('shows a per-person card without buttons to everyone, refreshing it for its audience, and with the buttons in a viewer’s own view', () => {
    const audience = { ref: 'PL-2026-0001', viewers: [{ platform: 'teams' as const, workspaceId: TENANT, userId: ANA_AAD }] };
    const withButtons = { ...CARD, audience, buttons: [{ action: 'acknowledge' as const, label: 'Acknowledge', value: 'PL-2026-0001' }] };
    const everyone = renderAdaptiveCard(withButtons, { userIds: ['29:ana', '29:ana', '29:wei'] }).attachment.content as Json;
    expect(everyone.actions).toBeUndefined();
    expect(everyone.refresh).toEqual({ action: { type: 'Action.Execute', verb: 'refresh', data: { ref: 'PL-2026-0001' } }, userIds: ['29:ana', '29:wei'] });
    const viewer = renderAdaptiveCard(withButtons, { userIds: ['29:ana'], forViewer: true }).attachment.content as Json;
    expect(viewer.actions.map((a: Json) => a.verb)).toEqual(['acknowledge']);
    expect(viewer.refresh.userIds).toEqual(['29:ana']);
    // Teams refreshes for at most 60 people.
    const many = Array.from({ length: 70 }, (_, i) => `29:p${i}`);
    expect((renderAdaptiveCard(withButtons, { userIds: many }).attachment.content as Json).refresh.userIds).toHaveLength(60);
    // Without known ids nobody can be given a view: no refresh at all.
    expect((renderAdaptiveCard(withButtons).attachment.content as Json).refresh).toBeUndefined();
  });

  it('makes withdraw take a second click: a ShowCard whose confirm button is the destructive Action.Execute', () => {
    const card = content({
      ...CARD,
      buttons: [
        {
          action: 'withdraw',
          label: 'Withdraw',
          value: 'PL-2026-0001',
          style: 'danger',
          confirm: { title: 'Withdraw letter?', text: 'Owners <at>Eve</at> will be told.', confirm: 'Withdraw', deny: 'Keep' },
        },
      ],
    });
    expect(card.actions).toHaveLength(1);
    const show = card.actions[0];
    expect(show.type).toBe('Action.ShowCard');
    expect(show.title).toBe('Withdraw');
    expect(show.verb).toBeUndefined();
    expect(show.card.body.map((b: Json) => b.text)).toEqual(['Withdraw letter?', `Owners <${WJ}at${WJ}>Eve<${WJ}/at${WJ}> will be told.`]);
    expect(show.card.actions).toEqual([
      {
        type: 'Action.Execute',
        title: 'Withdraw',
        verb: 'withdraw',
        data: { ref: 'PL-2026-0001' },
        style: 'destructive',
        fallback: { type: 'Action.Submit', title: 'Withdraw', data: { ref: 'PL-2026-0001', preletterVerb: 'withdraw' } },
      },
    ]);
  });

  it('adds an Open thread link only for an https thread link', () => {
    expect(content({ ...CARD, threadLink: { url: 'https://teams.microsoft.com/l/message/19:abc/1', label: 'Open thread' } }).actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open thread', url: 'https://teams.microsoft.com/l/message/19:abc/1' },
    ]);
    expect(content({ ...CARD, threadLink: { url: 'http://evil.example', label: 'Open thread' } }).actions).toBeUndefined();
    expect(content({ ...CARD, threadLink: { url: 'javascript:alert(1)', label: 'Open thread' } }).actions).toBeUndefined();
  });

  it.each([
    ['info', 'default'],
    ['success', 'good'],
    ['warning', 'warning'],
    ['error', 'attention'],
  ] as const)('shows the %s tone as the %s container style', (tone, style) => {
    expect(container({ ...CARD, tone })).toMatchObject({ type: 'Container', style });
  });
});
