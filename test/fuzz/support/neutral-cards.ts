/**
 * Neutral cards full of hostile text, as the core could hand them to either adapter:
 * titles, paragraphs of text and mention segments (names are user text too), fields,
 * footers, buttons with confirm texts, and thread links, both issued and forged.
 */
import fc from 'fast-check';
import type { ActionId, CardButton, NeutralCard, Segment } from '../../../src/bot/ports';
import type { PlatformIdentity } from '../../../src/domain/types';
import { hostileLabel, hostilePieces, hostileText } from './hostile-text';

/** Thread permalinks as the Slack adapter issues them (chat.getPermalink of a thread root). */
export const ISSUED_SLACK_LINKS = [
  'https://preletter-test.slack.com/archives/C0NORTH/p1772524801000001',
  'https://preletter-test.slack.com/archives/C0KESTREL/p1772524802000002',
] as const;

const THREAD_LINKS = [
  ...ISSUED_SLACK_LINKS,
  'https://teams.microsoft.com/l/message/19:abc@thread.tacv2/1772524800001',
  'https://evil.example/<!here>',
  'https://evil.example/a|b',
  'http://evil.example',
  'javascript:alert(1)',
  'https://evil.example/ space',
];

const slackUser = fc.oneof(
  fc.constantFrom('U0ANA', 'W0BEA', 'U123'),
  fc.constantFrom('<!channel>', 'U0ANA|x', 'u0ana', 'U0ANA>', '!here', '#C123', ''),
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
);
const teamsUser = fc.oneof(
  fc.constantFrom('a0000000-0000-4000-8000-0000000000a3', '0B6E6C7E-1D2A-4C3B-9F8E-123456789ABC', '29:1abcDEF'),
  fc.constantFrom('<at>x</at>', '29:', '29:x y', 'a0000000-0000-4000-8000-0000000000a3>', 'not-a-guid', ''),
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
);

const identity: fc.Arbitrary<PlatformIdentity> = fc.oneof(
  slackUser.map((userId) => ({ platform: 'slack' as const, workspaceId: 'T0TEST', userId })),
  teamsUser.map((userId) => ({ platform: 'teams' as const, workspaceId: '72f988bf-86f1-41af-91ab-2d7cd011db47', userId })),
);

const mentionSegment: fc.Arbitrary<Segment> = fc.record({ mention: identity, name: hostileText });

/** A paragraph: user text cut into pieces, with mentions slipped in between some of them. */
const paragraph: fc.Arbitrary<Segment[]> = fc
  .tuple(hostilePieces, fc.array(fc.tuple(fc.nat({ max: 6 }), mentionSegment), { maxLength: 3 }), fc.option(fc.constantFrom(...ISSUED_SLACK_LINKS)))
  .map(([pieces, mentions, issued]) => {
    const segments: Segment[] = pieces.map((text) => ({ text }));
    if (issued) segments.push({ text: ` see ${issued} ` });
    for (const [at, mention] of mentions) segments.splice(Math.min(at, segments.length), 0, mention);
    return segments;
  });

const ACTIONS: ActionId[] = ['acknowledge', 'mark-sent', 'record-reply', 'withdraw'];

/** Buttons with distinct actions (as the core makes them), hostile labels and confirm texts. */
const buttons: fc.Arbitrary<CardButton[]> = fc
  .subarray(ACTIONS, { maxLength: 4 })
  .chain((actions) =>
    fc.tuple(
      ...actions.map((action) =>
        fc.record(
          {
            action: fc.constant(action),
            label: hostileLabel,
            value: fc.oneof(fc.constant('PL-2026-0001'), hostileText),
            style: fc.constantFrom('primary' as const, 'danger' as const),
            confirm: fc.record({ title: hostileLabel, text: hostileLabel, confirm: hostileLabel, deny: hostileLabel }),
          },
          { requiredKeys: ['action', 'label', 'value'] },
        ),
      ),
    ),
  )
  .map((list) => list as CardButton[]);

/** A whole card; titles and labels are never empty (the core always writes them). */
export const hostileCard: fc.Arbitrary<NeutralCard> = fc.record(
  {
    title: hostileLabel,
    body: fc.array(paragraph, { maxLength: 4 }),
    fields: fc.array(fc.record({ label: hostileLabel, value: hostileText }), { maxLength: 12 }),
    buttons,
    footer: hostileText,
    tone: fc.constantFrom('info' as const, 'success' as const, 'warning' as const, 'error' as const),
    threadLink: fc.constantFrom(...THREAD_LINKS).map((url) => ({ url, label: 'Open thread' })),
  },
  { requiredKeys: ['title', 'body', 'fields', 'buttons', 'tone'] },
);

/** Why: the mention segments of a card, for checks on what it may deliberately mention. */
export function mentionsOf(card: NeutralCard): Array<{ mention: PlatformIdentity; name: string }> {
  return card.body.flat().filter((s): s is { mention: PlatformIdentity; name: string } => 'mention' in s);
}
