/**
 * Every payload the Slack adapter renders (messages, the preview modal, the App Home view)
 * keeps to `@slack/types` (checked by tsc through the typed helpers) and to Slack's
 * documented limits (test/support/card-rules/block-kit.ts); and the validator itself
 * catches what it must.
 */
import type { KnownBlock } from '@slack/types';
import { homeView } from '../../../adapters/slack/event-listeners';
import type { SlackPlatform } from '../../../adapters/slack/platform';
import { previewModal } from '../../../adapters/slack/preview-modal';
import { renderCard } from '../../../adapters/slack/render';
import { asHome, asKnownBlocks, asMessage, asModal, BLOCK_KIT_LIMITS, blockKitProblems, expectValidBlockKit } from '../../support/card-rules/block-kit';
import { sampleNeutralCards, samplePreviewFormOptions, sampleVoice } from '../../support/card-rules/sample-cards';

const cards = sampleNeutralCards();
const forms = samplePreviewFormOptions();
const CHANNEL = { platform: 'slack' as const, workspaceId: 'T0SAMPLE1', channelId: 'C0SAMPLE1' };
/** homeView only asks the platform to render; the real SlackPlatform renders with renderCard too. */
const renderingPlatform = { render: (card: Parameters<typeof renderCard>[0]) => renderCard(card) } as unknown as SlackPlatform;

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('Slack payloads keep to @slack/types and Block Kit limits', () => {
  test.each(cards.map((c) => [c.kind, c.card] as const))('the rendered %s message is valid', (kind, card) => {
    expectValidBlockKit(asMessage(renderCard(card)), 'message', kind);
  });

  test.each(forms.map((f) => [f.kind, f.options] as const))('the preview modal (%s) is valid', (kind, options) => {
    expectValidBlockKit(asModal(previewModal(options, CHANNEL)), 'modal', kind);
  });

  test.each(cards.filter((c) => /^\[\w+\] (timeline|help|error|status)/.test(c.kind)).map((c) => [c.kind, c.card, c.language] as const))(
    'the App Home view showing the %s card is valid',
    (kind, card, language) => {
      expectValidBlockKit(asHome(homeView(card, renderingPlatform, sampleVoice(language))), 'home', kind);
    },
  );

  test('a card with more fields than one message holds is cut to 50 blocks and keeps its buttons', () => {
    const big = cards.find((c) => c.kind.endsWith('letter card: awaiting acknowledgement'))!.card;
    const fields = Array.from({ length: 600 }, (_, i) => ({ label: `Field ${i}`, value: `Value ${i}` }));
    const rendered = renderCard({ ...big, fields });
    expectValidBlockKit(asMessage(rendered), 'message', 'card with 600 fields');
    expect(rendered.blocks.at(-1)?.type).toBe('actions');
  });
});

describe('the Block Kit validator', () => {
  const button = (label: string) => ({ type: 'button' as const, action_id: 'acknowledge', text: plain(label), value: 'AL-2026-001' });

  test('accepts a message with a 75-character button label and rejects one with 76', () => {
    const message = (label: string) => asMessage({ blocks: asKnownBlocks([{ type: 'actions', elements: [button(label)] }]), text: 'fallback' });
    expect(blockKitProblems(message('é'.repeat(BLOCK_KIT_LIMITS.buttonText)), 'message')).toEqual([]);
    expect(blockKitProblems(message('é'.repeat(BLOCK_KIT_LIMITS.buttonText + 1)), 'message')).toEqual([
      'blocks[0] (actions).elements[0].text.text: text is 76 characters; Slack allows at most 75',
    ]);
  });

  test('rejects a static_select with no options', () => {
    const modal = asModal({
      type: 'modal',
      title: plain('Preview a letter'),
      submit: plain('Preview'),
      blocks: asKnownBlocks([{ type: 'input', block_id: 'type', label: plain('Letter type'), element: { type: 'static_select', action_id: 'value', options: [] } }]),
    });
    expect(blockKitProblems(modal, 'modal')).toEqual(['blocks[0] (input).element.options: must list at least one option']);
  });

  test('accepts 50 blocks in a message and rejects 51', () => {
    const message = (n: number) => asMessage({ blocks: Array.from({ length: n }, (_, i) => section(`Line ${i}`)), text: 'fallback' });
    expect(blockKitProblems(message(50), 'message')).toEqual([]);
    expect(blockKitProblems(message(51), 'message')).toEqual(['blocks: has 51 blocks; Slack allows at most 50 here']);
  });

  test('allows 100 blocks in a modal or the App Home, not 101', () => {
    const blocks = (n: number) => Array.from({ length: n }, (_, i) => section(`Line ${i}`));
    expect(blockKitProblems(asHome({ type: 'home', blocks: blocks(100) }), 'home')).toEqual([]);
    expect(blockKitProblems(asHome({ type: 'home', blocks: blocks(101) }), 'home')).toEqual(['blocks: has 101 blocks; Slack allows at most 100 here']);
    expect(blockKitProblems(asModal({ type: 'modal', title: plain('Letters'), blocks: blocks(101) }), 'modal')).toEqual(['blocks: has 101 blocks; Slack allows at most 100 here']);
  });

  test('rejects a 25-character modal title', () => {
    const modal = asModal({ type: 'modal', title: plain('Prévisualiser une lettre!'), blocks: [section('x')] });
    expect(blockKitProblems(modal, 'modal')).toEqual(['title.text: text is 25 characters; Slack allows at most 24']);
  });

  test('rejects mrkdwn where Slack requires plain_text (header, button, option, input label, modal title)', () => {
    const md = (text: string) => ({ type: 'mrkdwn' as const, text });
    // @ts-expect-error: @slack/types only allows plain_text in a header, so tsc refuses this payload outright.
    asKnownBlocks([{ type: 'header', text: md('*Header*') }]);
    // The types already refuse these; the cast shows the runtime check catches a payload built untyped.
    const modal = {
      type: 'modal',
      title: md('Title'),
      submit: plain('Go'),
      blocks: [
        { type: 'header', text: md('*Header*') },
        { type: 'actions', elements: [{ type: 'button', action_id: 'a', text: md('*Go*') }] },
        { type: 'input', block_id: 'i', label: md('Label'), element: { type: 'static_select', action_id: 'v', options: [{ text: md('One'), value: '1' }] } },
      ],
    };
    expect(blockKitProblems(modal, 'modal')).toEqual([
      'blocks[0] (header).text.type: Slack requires plain_text here, got mrkdwn',
      'blocks[1] (actions).elements[0].text.type: Slack requires plain_text here, got mrkdwn',
      'blocks[2] (input).label.type: Slack requires plain_text here, got mrkdwn',
      'blocks[2] (input).element.options[0].text.type: Slack requires plain_text here, got mrkdwn',
      'title.type: Slack requires plain_text here, got mrkdwn',
    ]);
  });

  test('rejects a header over 150 characters, an option over 75, an option value over 150 and an initial option that is not offered', () => {
    const modal = asModal({
      type: 'modal',
      title: plain('Preview'),
      submit: plain('Preview'),
      blocks: asKnownBlocks([
        { type: 'header', text: plain('h'.repeat(151)) },
        {
          type: 'input',
          label: plain('Topics'),
          element: { type: 'static_select', action_id: 'v', options: [{ text: plain('o'.repeat(76)), value: 'v'.repeat(151) }], initial_option: { text: plain('Other'), value: 'other' } },
        },
      ]),
    });
    expect(blockKitProblems(modal, 'modal')).toEqual([
      'blocks[0] (header).text.text: text is 151 characters; Slack allows at most 150',
      'blocks[1] (input).element.options[0].text.text: text is 76 characters; Slack allows at most 75',
      'blocks[1] (input).element.options[0].value: value is 151 characters; Slack allows at most 150',
      'blocks[1] (input).element.initial_option: value "other" is not one of the options',
    ]);
  });

  test('rejects section fields beyond 10 and over 2000 characters, a confirm dialog over its limits, and repeated block_ids', () => {
    const field = (n: number) => ({ type: 'mrkdwn' as const, text: 'f'.repeat(n) });
    const message = asMessage({
      text: 'fallback',
      blocks: asKnownBlocks([
        { type: 'section', block_id: 'same', fields: [field(2001), ...Array.from({ length: 10 }, () => field(1))] },
        {
          type: 'actions',
          block_id: 'same',
          elements: [{ ...button('Withdraw'), confirm: { title: plain('t'.repeat(101)), text: plain('x'.repeat(301)), confirm: plain('c'.repeat(31)), deny: plain('Keep it') } }],
        },
      ]),
    });
    expect(blockKitProblems(message, 'message')).toEqual([
      'blocks[0] (section).fields: has 11 items; Slack allows at most 10',
      'blocks[0] (section).fields[0].text: text is 2001 characters; Slack allows at most 2000',
      'blocks[1] (actions).block_id: "same" is already used by blocks[0] (section); block_ids must be unique',
      'blocks[1] (actions).elements[0].confirm.title.text: text is 101 characters; Slack allows at most 100',
      'blocks[1] (actions).elements[0].confirm.text.text: text is 301 characters; Slack allows at most 300',
      'blocks[1] (actions).elements[0].confirm.confirm.text: text is 31 characters; Slack allows at most 30',
    ]);
  });

  test('rejects a message without fallback text, and one whose text is over 40,000 characters', () => {
    const blocks = asKnownBlocks([section('x')]);
    expect(blockKitProblems({ blocks }, 'message')).toEqual(['text: the fallback text (notifications, screen readers) must be a non-empty string']);
    expect(blockKitProblems(asMessage({ blocks, text: 't'.repeat(40_001) }), 'message')).toEqual(['text: text is 40001 characters; Slack allows at most 40000']);
  });

  test('rejects a modal with input blocks but no submit button, and over-long private_metadata and callback_id', () => {
    const modal = asModal({
      type: 'modal',
      title: plain('Preview'),
      callback_id: 'c'.repeat(256),
      private_metadata: 'm'.repeat(3001),
      blocks: asKnownBlocks([{ type: 'input', label: plain('Summary'), element: { type: 'plain_text_input', action_id: 'v' } }]),
    });
    expect(blockKitProblems(modal, 'modal')).toEqual([
      'private_metadata: private_metadata is 3001 characters; Slack allows at most 3000',
      'callback_id: callback_id is 256 characters; Slack allows at most 255',
      'submit: is required when the view has input blocks',
    ]);
  });

  test('expectValidBlockKit throws with every problem listed', () => {
    const message = asMessage({ blocks: asKnownBlocks([{ type: 'header', text: plain('h'.repeat(151)) }]), text: '' });
    expect(() => expectValidBlockKit(message, 'message', 'broken message')).toThrow(
      /broken message breaks Slack's Block Kit rules \(2 problems\):\n  - blocks\[0\] \(header\)\.text\.text: text is 151 characters[\s\S]*fallback text/,
    );
  });
});
