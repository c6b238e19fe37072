/**
 * Property-based checks of the Slack renderer: whatever user or directory text a card
 * carries, the Block Kit it becomes mentions, broadcasts and links only what the card
 * deliberately asked for, keeps every string within the limits the renderer promises,
 * and still shows what was typed. What Slack links is explained in support/slack-checks.ts.
 */
import fc from 'fast-check';
import { escapeUserText, unescapeSlackText } from '../../adapters/slack/escape';
import { previewModal } from '../../adapters/slack/preview-modal';
import { renderCard } from '../../adapters/slack/render';
import type { NeutralCard } from '../../src/bot/ports';
import { runs } from './support/fuzz-settings';
import { hostileLabel, hostileText } from './support/hostile-text';
import { hostileCard, ISSUED_SLACK_LINKS, mentionsOf } from './support/neutral-cards';
import { slackLimitProblems, slackMessageProblems, textObjects, type SlackAllowed } from './support/slack-checks';

const WJ = '\u2060';
const trustedLinks = new Set<string>(ISSUED_SLACK_LINKS);

function allowedFor(card: NeutralCard): SlackAllowed {
  const mentions = mentionsOf(card)
    .filter((m) => m.mention.platform === 'slack')
    .map((m) => m.mention.userId);
  return { mentions: new Set(mentions), links: trustedLinks, linkLabel: 'Open thread' };
}

function expectNoProblems(problems: string[], card: unknown): void {
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\nin ${JSON.stringify(card)}`);
}

describe('the Slack renderer, fed hostile text', () => {
  it('mentions, broadcasts and links nothing but the card’s own mentions and issued thread links (400 cases)', () => {
    fc.assert(
      fc.property(hostileCard, (card) => {
        const message = renderCard({ ...card, linkLabel: 'Open thread' }, { trustedLinks });
        expectNoProblems(slackMessageProblems(message, allowedFor(card)), card);
        const urls = JSON.stringify(message.blocks).match(/"url":"[^"]*"/g) ?? [];
        for (const url of urls) expect([`"url":${JSON.stringify(card.threadLink?.url)}`]).toContain(url);
        if (urls.length > 0) expect(card.threadLink?.url).toMatch(/^https:\/\/[^\s<>|"]+$/);
      }),
      runs(400),
    );
  });

  it('keeps every text, value and count within the Block Kit limits it promises, in whole characters (300 cases)', () => {
    fc.assert(
      fc.property(hostileCard, (card) => {
        const message = renderCard(card, { trustedLinks });
        expectNoProblems(slackLimitProblems(message), card);
        const last = message.blocks.at(-1)!;
        if (card.buttons.length > 0) {
          expect(last.type).toBe('actions');
          const ids = (last as { elements: Array<{ action_id: string }> }).elements.map((e) => e.action_id);
          expect(ids.slice(0, card.buttons.length)).toEqual(card.buttons.map((b) => b.action));
        }
      }),
      runs(300),
    );
  });

  it('shows exactly what was typed once Slack decodes its three entities and the invisible joiners are ignored (300 cases)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const shown = unescapeSlackText(escapeUserText(text)).split(WJ).join('');
        expect(shown).toBe(text.split(WJ).join(''));
      }),
      runs(300),
    );
  });

  it('builds the preview modal from hostile directory text without markup and within Slack’s limits (150 cases)', () => {
    const options = fc.record({
      company: fc.record({ key: fc.constant('northwind'), name: hostileLabel }),
      mandates: fc.array(fc.record({ key: fc.constantFrom('sr-a', 'sr-b', 'sr-c'), title: hostileLabel }), { minLength: 1, maxLength: 3 }),
      topics: fc.array(hostileLabel, { minLength: 1, maxLength: 5 }),
    });
    fc.assert(
      fc.property(options, (o) => {
        const view = previewModal(o, { platform: 'slack', workspaceId: 'T0TEST', channelId: 'C0NORTH' });
        const problems = slackMessageProblems({ blocks: view.blocks, text: '' }, { mentions: new Set(), links: new Set(), linkLabel: '' });
        for (const { where, object } of textObjects(view)) {
          if (object.text.length === 0) problems.push(`${where}: empty text`);
          if (/options\[\d+\]\.text$/.test(where) && object.text.length > 75) problems.push(`${where}: option text over 75`);
        }
        expectNoProblems(problems, o);
      }),
      runs(150),
    );
  });
});
