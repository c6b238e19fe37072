/**
 * Every card the Teams adapter renders is valid against the official Adaptive Card schema
 * of the version it declares, against the official SDK's parser, and against Teams' own
 * rules (test/support/card-rules/adaptive-card.ts); and the validator itself catches what
 * it must.
 */
import { welcomeCard } from '../../../adapters/teams/install-listener';
import { previewDialogCard, previewFormCard } from '../../../adapters/teams/preview-form';
import { LANGUAGES } from '../../../src/bot/messages/format';
import { renderAdaptiveCard } from '../../../adapters/teams/render';
import { adaptiveCardProblems, expectValidAdaptiveCard, TEAMS_CARD_RULES } from '../../support/card-rules/adaptive-card';
import { sampleNeutralCards, samplePreviewFormOptions, sampleVoice } from '../../support/card-rules/sample-cards';

const cards = sampleNeutralCards();
const forms = samplePreviewFormOptions();
const TOKEN = 'eyJ2IjoxfQ.c2lnbmF0dXJl';

/** A small valid card to break one thing at a time. */
function card(version: string, body: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version, body, ...extra };
}
const text = (t: string) => ({ type: 'TextBlock', text: t, wrap: true });

describe('Teams cards follow the official Adaptive Card schema and Teams rules', () => {
  test.each(cards.map((c) => [c.kind, c.card] as const))('the rendered %s card is valid', (kind, neutral) => {
    expectValidAdaptiveCard(renderAdaptiveCard(neutral).attachment.content, kind);
  });

  test.each(forms.map((f) => [f.kind, f.options] as const))('the preview form (%s) is valid', (kind, options) => {
    expectValidAdaptiveCard(previewFormCard(options, TOKEN), kind);
  });

  test('the preview form shown again with every field in error and the inputs kept is valid', () => {
    const options = forms[1]!.options;
    const values = { type: 'UA', mandate: 'sr-expression', topics: 'privacy,surveillance', summary: 'x'.repeat(1600), expectedDate: '2026-01-01', urgent: 'true' };
    const errors = { type: 'Choose the letter type.', mandate: 'Choose the mandate.', topics: 'Choose at least one topic.', summary: 'Too long.', expectedDate: 'That date is in the past.', urgent: 'Turn urgency on or off.' };
    expectValidAdaptiveCard(previewFormCard(options, TOKEN, values, errors), 'preview form with errors');
  });

  const letterCards = cards.filter((c) => c.card.audience !== undefined);
  const userIds = Array.from({ length: TEAMS_CARD_RULES.refreshUserIdsMax }, (_, i) => `29:1viewer-${i}`);

  test.each(letterCards.map((c) => [c.kind, c.card] as const))('the per-person %s card is valid as everyone’s view and as a viewer’s own view', (kind, neutral) => {
    const everyone = renderAdaptiveCard(neutral, { userIds }).attachment.content as Record<string, any>;
    expect(everyone.refresh.userIds).toHaveLength(TEAMS_CARD_RULES.refreshUserIdsMax);
    expectValidAdaptiveCard(everyone, `${kind}, everyone's view`);
    expectValidAdaptiveCard(renderAdaptiveCard(neutral, { userIds, forViewer: true }).attachment.content, `${kind}, a viewer's view`);
  });

  test.each(forms.map((f) => [f.kind, f.options] as const))('the preview form as a dialog (%s) is valid', (kind, options) => {
    expectValidAdaptiveCard(previewFormCard(options, TOKEN, {}, {}, 'dialog'), `${kind}, dialog`);
  });

  test.each(LANGUAGES.map((l) => [l] as const))('the channel card of `@PreLetter preview` and the welcome card are valid in %s', (language) => {
    expectValidAdaptiveCard(previewDialogCard(language, 'Ana Ruiz', TOKEN), `[${language}] preview dialog card`);
    const v = sampleVoice(language);
    const stranger = { platform: 'teams' as const, workspaceId: '72f988bf-86f1-41af-91ab-2d7cd011db47', userId: 'a0000000-0000-4000-8000-0000000000ff' };
    expectValidAdaptiveCard(renderAdaptiveCard(welcomeCard(v, stranger)).attachment.content, `[${language}] welcome card`);
  });

  test('the cards checked include real mentions, so the mention rule is exercised on rendered cards', () => {
    const withMentions = cards.map((c) => renderAdaptiveCard(c.card)).filter((r) => r.entities.length > 0);
    expect(withMentions.length).toBeGreaterThan(0);
    for (const rendered of withMentions) expect(JSON.stringify(rendered.attachment.content)).toContain('<at>');
  });
});

describe('the Adaptive Card validator', () => {
  test('accepts a 1.5 card with the features the renderer uses: refresh, buttons with fallbacks, inputs, mentions', () => {
    const future = card(
      '1.5',
      [
        {
          type: 'Container',
          style: 'warning',
          items: [
            { type: 'TextBlock', text: 'Heading', style: 'heading', wrap: true },
            { type: 'FactSet', facts: [{ title: 'Status', value: 'Awaiting reply' }] },
            { type: 'Input.Text', id: 'summary', label: 'Summary', isMultiline: true, maxLength: 1500 },
            { type: 'Input.ChoiceSet', id: 'type', label: 'Type', style: 'compact', choices: [{ title: 'Allegation letter', value: 'AL' }] },
            { type: 'Input.Date', id: 'date', label: 'Date' },
            text('For <at>Bob Okafor</at>.'),
          ],
        },
      ],
      {
        refresh: { action: { type: 'Action.Execute', title: 'Refresh', verb: 'refresh', data: { ref: 'AL-2026-001' } }, userIds: ['29:1abc', '29:1def'] },
        actions: [
          { type: 'Action.Execute', title: 'Acknowledge', verb: 'acknowledge', data: { ref: 'AL-2026-001' }, style: 'positive', fallback: { type: 'Action.Submit', title: 'Acknowledge', data: { verb: 'acknowledge' } } },
          { type: 'Action.ShowCard', title: 'Withdraw', card: { type: 'AdaptiveCard', body: [text('Sure?')], actions: [{ type: 'Action.Execute', title: 'Withdraw', verb: 'withdraw', fallback: { type: 'Action.Submit', title: 'Withdraw' } }] } },
        ],
        msteams: { width: 'Full', entities: [{ type: 'mention', text: '<at>Bob Okafor</at>', mentioned: { id: '29:1abc', name: 'Bob Okafor' } }] },
      },
    );
    expect(adaptiveCardProblems(future)).toEqual([]);
  });

  test('rejects an unknown element type, naming it and where it is', () => {
    const problems = adaptiveCardProblems(card('1.4', [text('ok'), { type: 'Carousel3D', text: 'x' }]));
    expect(problems.some((p) => p.includes('body[1]') && p.includes('Carousel3D'))).toBe(true);
  });

  test('rejects a TextBlock without text with one readable line, not one per possible element type', () => {
    const problems = adaptiveCardProblems(card('1.4', [{ type: 'Container', items: [{ type: 'TextBlock', wrap: true }] }]));
    const schemaLines = problems.filter((p) => p.startsWith('schema'));
    expect(schemaLines).toEqual(['schema 1.4: body[0].items[0] (TextBlock): missing required property "text"']);
  });

  test('rejects a 1.5-only element (Table) on a card that declares 1.4, and accepts it when the card declares 1.5', () => {
    const table = { type: 'Table', columns: [{ width: 1 }], rows: [{ type: 'TableRow', cells: [{ type: 'TableCell', items: [text('x')] }] }] };
    expect(adaptiveCardProblems(card('1.4', [table])).some((p) => p.includes('unknown type "Table"'))).toBe(true);
    expect(adaptiveCardProblems(card('1.5', [table]))).toEqual([]);
  });

  test('rejects a 1.5-only property (TextBlock style "heading") on a card that declares 1.4', () => {
    const problems = adaptiveCardProblems(card('1.4', [{ ...text('Title'), style: 'heading' }]));
    expect(problems.some((p) => p.includes('schema 1.4') && p.includes('"style"'))).toBe(true);
  });

  test('rejects a mention with no matching msteams entity', () => {
    const problems = adaptiveCardProblems(card('1.4', [text('For <at>Bob Okafor</at>.')], { msteams: { width: 'Full' } }));
    expect(problems).toEqual(['teams: body[0].text: mention <at>Bob Okafor</at> has no msteams.entities entry with that text']);
  });

  test('rejects Action.Execute on a card declaring a version below 1.5', () => {
    const problems = adaptiveCardProblems(card('1.4', [text('x')], { actions: [{ type: 'Action.Execute', title: 'Go', verb: 'go', fallback: { type: 'Action.Submit', title: 'Go' } }] }));
    expect(problems.some((p) => p.includes('Action.Execute needs card version >= 1.5'))).toBe(true);
  });

  test('rejects an Action.Execute button without an Action.Submit fallback, but not the refresh action', () => {
    const refresh = { action: { type: 'Action.Execute', verb: 'refresh' }, userIds: ['29:a'] };
    const problems = adaptiveCardProblems(card('1.5', [text('x')], { refresh, actions: [{ type: 'Action.Execute', title: 'Go', verb: 'go' }] }));
    expect(problems).toEqual(['teams: actions[0]: Action.Execute needs an Action.Submit fallback for older Teams clients']);
  });

  test(`rejects a refresh for more than ${TEAMS_CARD_RULES.refreshUserIdsMax} users`, () => {
    const userIds = Array.from({ length: TEAMS_CARD_RULES.refreshUserIdsMax + 1 }, (_, i) => `29:user${i}`);
    const problems = adaptiveCardProblems(card('1.4', [text('x')], { refresh: { action: { type: 'Action.Execute', title: 'Refresh', verb: 'refresh' }, userIds } }));
    expect(problems.some((p) => p.includes('refresh.userIds has 61 entries'))).toBe(true);
  });

  test('rejects a card larger than the Teams payload budget', () => {
    const problems = adaptiveCardProblems(card('1.4', [text('x'.repeat(TEAMS_CARD_RULES.maxPayloadBytes / 2))]));
    expect(problems.some((p) => p.startsWith('teams: card is') && p.includes('bytes as UTF-16'))).toBe(true);
  });

  test('rejects an action type in the body, listing the element types allowed there', () => {
    const problems = adaptiveCardProblems(card('1.4', [{ type: 'Action.Submit', title: 'x' }]));
    expect(problems.some((p) => p.includes('type "Action.Submit" is not allowed here') && p.includes('TextBlock'))).toBe(true);
  });

  test('rejects a bad enum value, such as an unknown Container style', () => {
    const problems = adaptiveCardProblems(card('1.4', [{ type: 'Container', style: 'shiny', items: [text('x')] }]));
    expect(problems.some((p) => p.includes('body[0].style') && p.includes('"shiny"'))).toBe(true);
  });

  test('rejects a card without a version, and a version it has no official schema for', () => {
    expect(adaptiveCardProblems({ type: 'AdaptiveCard', body: [] })).toEqual([expect.stringContaining('card.version')]);
    expect(adaptiveCardProblems(card('1.2', [text('x')]))).toEqual([expect.stringContaining('no official schema stored for declared version "1.2"')]);
  });

  test('reports what the official SDK rejects too, such as an empty choice set', () => {
    const problems = adaptiveCardProblems(card('1.4', [{ type: 'Input.ChoiceSet', id: 'c', choices: [] }]));
    expect(problems.some((p) => p.startsWith('adaptivecards SDK (1.4): CollectionCantBeEmpty'))).toBe(true);
  });

  test('expectValidAdaptiveCard throws with every problem listed', () => {
    expect(() => expectValidAdaptiveCard(card('1.4', [{ type: 'TextBlock' }, text('<at>X</at>')]), 'broken card')).toThrow(
      /broken card is not valid for Teams \(\d+ problems\):\n  - .*missing required property "text"[\s\S]*<at>X<\/at>/,
    );
  });
});
