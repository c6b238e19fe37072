/**
 * Property-based checks of the Teams renderer: whatever user or directory text a card
 * carries, the Adaptive Card it becomes mentions only the people
 * the card asked to mention, links nothing but its own thread link, and still shows what
 * was typed. What Teams links is explained in support/teams-checks.ts.
 */
import fc from 'fast-check';
import { escapeCardText, WORD_JOINER } from '../../adapters/teams/escape';
import { previewFormCard, signFormBinding } from '../../adapters/teams/preview-form';
import { renderAdaptiveCard } from '../../adapters/teams/render';
import type { NeutralCard } from '../../src/bot/ports';
import { runs } from './support/fuzz-settings';
import { hostileLabel, hostileText } from './support/hostile-text';
import { hostileCard, mentionsOf } from './support/neutral-cards';
import { actions, cardTextProblems, markdownTexts } from './support/teams-checks';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BOT_FRAMEWORK_ID = /^29:[A-Za-z0-9_\-.:]{1,256}$/;
const KEY = Buffer.alloc(32, 7);
const CHANNEL = { platform: 'teams' as const, workspaceId: '72f988bf-86f1-41af-91ab-2d7cd011db47', channelId: '19:northwind-shared@thread.tacv2' };

function deliberateIds(card: NeutralCard): Set<string> {
  return new Set(mentionsOf(card).filter((m) => m.mention.platform === 'teams').map((m) => m.mention.userId));
}

function fail(problems: string[], input: unknown): void {
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\nin ${JSON.stringify(input)}`);
}

describe('the Teams renderer, fed hostile text', () => {
  it('mentions only the card’s own people and links nothing but its https thread link (400 cases)', () => {
    fc.assert(
      fc.property(hostileCard, (card) => {
        const { attachment, entities } = renderAdaptiveCard(card);
        const content = attachment.content as Record<string, any>;
        const problems: string[] = [];
        for (const { where, text } of markdownTexts(content.body)) problems.push(...cardTextProblems(text, entities).map((p) => `${where}: ${p}`));
        for (const { where, text } of markdownTexts(content.actions ?? [])) problems.push(...cardTextProblems(text, entities).map((p) => `actions${where}: ${p}`));
        const ids = deliberateIds(card);
        const allText = markdownTexts(content).map((t) => t.text).join('\n');
        for (const e of entities) {
          if (!ids.has(e.mentioned.id)) problems.push(`entity for ${e.mentioned.id}, whom the card did not mention`);
          if (!GUID.test(e.mentioned.id) && !BOT_FRAMEWORK_ID.test(e.mentioned.id)) problems.push(`entity for a malformed id ${e.mentioned.id}`);
          if (!/^<at>(?:[^<]|<\u2060)*<\/at>$/.test(e.text)) problems.push(`entity text ${JSON.stringify(e.text)} is not one plain <at> tag`);
          if (!allText.includes(e.text)) problems.push(`entity ${JSON.stringify(e.text)} appears in no text`);
        }
        expect(content.msteams.entities ?? []).toEqual(entities);
        for (const action of actions(content)) {
          if (action.type === 'Action.OpenUrl') {
            if (action.url !== card.threadLink?.url || !/^https:\/\/[^\s<>"]+$/.test(String(action.url))) problems.push(`opens ${String(action.url)}`);
          } else if (action.type === 'Action.Execute') {
            if (!card.buttons.some((b) => b.action === action.verb && (action.data as { ref: string }).ref === b.value)) problems.push(`executes ${String(action.verb)} the card did not offer`);
            // The older clients' fallback carries exactly the same verb and data.
            const fallback = action.fallback as { type?: string; data?: Record<string, unknown> } | undefined;
            if (fallback?.type !== 'Action.Submit' || JSON.stringify(fallback.data) !== JSON.stringify({ ...(action.data as object), preletterVerb: action.verb })) {
              problems.push(`a fallback for ${String(action.verb)} that does not repeat its data`);
            }
          } else if (action.type === 'Action.Submit') {
            // Checked with its Action.Execute above.
          } else if (action.type !== 'Action.ShowCard') {
            problems.push(`an unexpected ${String(action.type)}`);
          }
        }
        fail(problems, card);
      }),
      runs(400),
    );
  });

  it('shows exactly what was typed once the invisible word joiners are ignored (300 cases)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(escapeCardText(text).split(WORD_JOINER).join('')).toBe(text.split(WORD_JOINER).join(''));
      }),
      runs(300),
    );
  });

  it('builds the preview form from hostile directory text, values and errors without live markup (150 cases)', () => {
    const options = fc.record({
      company: fc.record({ key: fc.constant('northwind'), name: hostileLabel }),
      mandates: fc.array(fc.record({ key: hostileLabel, title: hostileLabel }), { minLength: 1, maxLength: 3 }),
      topics: fc.array(hostileLabel, { maxLength: 5 }),
    });
    const values = fc.record({ type: hostileText, mandate: hostileText, topics: hostileText, summary: hostileText, expectedDate: hostileText, urgent: hostileText }, { requiredKeys: [] });
    const errors = fc.record({ type: hostileText, summary: hostileText, topics: hostileText }, { requiredKeys: [] });
    fc.assert(
      fc.property(options, values, errors, (o, v, e) => {
        const card = previewFormCard(o, signFormBinding(CHANNEL, 'a0000000-0000-4000-8000-0000000000a3', o.mandates.length > 1, KEY), v, e);
        const problems = markdownTexts(card).flatMap(({ where, text }) => cardTextProblems(text, []).map((p) => `${where}: ${p}`));
        fail(problems, { o, v, e });
      }),
      runs(150),
    );
  });
});
