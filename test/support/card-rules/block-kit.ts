/**
 * Validates Block Kit payloads against Slack's documented limits, per surface.
 *
 * Two layers:
 * - Type level: `expectValidBlockKit` and the `as…` helpers take `@slack/types` types
 *   (`KnownBlock`, `ModalView`, `HomeView`), so `tsc --noEmit` checks the shape of every
 *   payload a test hands over (wrong block or element types, missing `text`, …).
 * - Run time: `blockKitProblems` checks what the types cannot: lengths, counts, plain_text
 *   where Slack requires it, non-empty texts and option lists, unique block_ids. Lengths are
 *   counted in UTF-16 code units (JavaScript `length`), which is never less than Slack's count.
 *
 * Sources: Slack's Block Kit reference (docs.slack.dev, formerly api.slack.com/reference/block-kit),
 * and the same limits in the JSDoc of `@slack/types` (node_modules/@slack/types/dist/block-kit/*.d.ts).
 */
import type { HomeView, KnownBlock, ModalView } from '@slack/types';

/** Slack's documented limits (characters or items). */
export const BLOCK_KIT_LIMITS = {
  // https://docs.slack.dev/reference/block-kit/blocks ("up to 50 blocks in each message, and 100 blocks in modals or Home tabs")
  blocks: { message: 50, modal: 100, home: 100 },
  // https://docs.slack.dev/reference/methods/chat.postMessage (text: "truncated" past 40,000 characters; the fallback for notifications)
  messageText: 40_000,
  // https://docs.slack.dev/reference/block-kit/blocks (every block: block_id max 255, unique per message / view)
  blockId: 255,
  // https://docs.slack.dev/reference/block-kit/blocks/header-block (text: plain_text, max 150)
  headerText: 150,
  // https://docs.slack.dev/reference/block-kit/blocks/section-block (text max 3000; fields max 10 items, each max 2000)
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  // https://docs.slack.dev/reference/block-kit/blocks/context-block (elements max 10)
  contextElements: 10,
  // https://docs.slack.dev/reference/block-kit/blocks/actions-block (elements max 25)
  actionsElements: 25,
  // https://docs.slack.dev/reference/block-kit/block-elements/button-element (text plain_text max 75; value 2000; action_id 255; url 3000)
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  url: 3000,
  // https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object (title 100, text 300, confirm/deny 30; title/confirm/deny plain_text)
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  // https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element (placeholder plain_text max 150; options max 100)
  placeholder: 150,
  selectOptions: 100,
  // https://docs.slack.dev/reference/block-kit/block-elements/checkboxes-element and radio-button-group-element (options max 10)
  checkboxOptions: 10,
  // https://docs.slack.dev/reference/block-kit/composition-objects/option-object (text max 75, plain_text in selects; value max 150; description max 75)
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  // https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element (min_length/max_length at most 3000)
  plainTextInputLength: 3000,
  // https://docs.slack.dev/reference/block-kit/blocks/input-block (label plain_text max 2000; hint plain_text max 2000)
  inputLabel: 2000,
  inputHint: 2000,
  // https://docs.slack.dev/reference/views/modal-views (title/submit/close plain_text max 24; private_metadata 3000; callback_id 255; submit required with input blocks)
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
} as const;

/** Where a payload is shown; the block count limit and the required top-level fields differ. */
export type Surface = 'message' | 'modal' | 'home';

/** What chat.postMessage / chat.update / chat.postEphemeral take: blocks and the notification text. */
export interface MessagePayload {
  blocks: KnownBlock[];
  text: string;
}

/** Type-checked identity helpers: the compiler checks a test's payload against `@slack/types`. */
export const asKnownBlocks = (blocks: KnownBlock[]): KnownBlock[] => blocks;
export const asMessage = (payload: MessagePayload): MessagePayload => payload;
export const asModal = (view: ModalView): ModalView => view;
export const asHome = (view: HomeView): HomeView => view;

/** Block types `@slack/types` knows (KnownBlock); the ones PreLetter uses are checked in depth. */
const KNOWN_BLOCKS = new Set([
  'actions', 'alert', 'card', 'carousel', 'container', 'context', 'context_actions', 'data_table', 'divider', 'file',
  'header', 'image', 'input', 'markdown', 'rich_text', 'section', 'table', 'task_card', 'plan', 'video',
]);
const KNOWN_ELEMENTS = new Set([
  'button', 'checkboxes', 'datepicker', 'datetimepicker', 'email_text_input', 'file_input', 'image', 'number_input',
  'overflow', 'plain_text_input', 'radio_buttons', 'rich_text_input', 'static_select', 'multi_static_select',
  'external_select', 'multi_external_select', 'users_select', 'multi_users_select', 'conversations_select',
  'multi_conversations_select', 'channels_select', 'multi_channels_select', 'timepicker', 'url_text_input',
  'workflow_button', 'icon_button', 'feedback_buttons',
]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  readonly problems: string[] = [];
  private readonly blockIds = new Map<string, string>();

  fail(at: string, message: string): void {
    this.problems.push(`${at}: ${message}`);
  }

  maxLength(at: string, value: unknown, max: number, what = 'text'): void {
    if (typeof value !== 'string') return this.fail(at, `${what} must be a string`);
    if (value.length > max) this.fail(at, `${what} is ${value.length} characters; Slack allows at most ${max}`);
  }

  /** A text object; `plainOnly` where Slack accepts only plain_text. */
  text(at: string, value: unknown, max: number, plainOnly: boolean, required = true): void {
    if (value === undefined) {
      if (required) this.fail(at, 'is required');
      return;
    }
    if (!isObject(value)) return this.fail(at, 'must be a text object');
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn') return this.fail(`${at}.type`, `must be "plain_text" or "mrkdwn", got ${JSON.stringify(value.type)}`);
    if (plainOnly && value.type !== 'plain_text') this.fail(`${at}.type`, 'Slack requires plain_text here, got mrkdwn');
    if (typeof value.text !== 'string' || value.text.length === 0) return this.fail(`${at}.text`, 'must be a non-empty string');
    this.maxLength(`${at}.text`, value.text, max);
  }

  blockId(at: string, block: Json): void {
    if (block.block_id === undefined) return;
    if (typeof block.block_id !== 'string' || block.block_id === '') return this.fail(`${at}.block_id`, 'must be a non-empty string');
    this.maxLength(`${at}.block_id`, block.block_id, BLOCK_KIT_LIMITS.blockId, 'block_id');
    const first = this.blockIds.get(block.block_id);
    if (first) this.fail(`${at}.block_id`, `"${block.block_id}" is already used by ${first}; block_ids must be unique`);
    else this.blockIds.set(block.block_id, at);
  }

  confirm(at: string, c: unknown): void {
    if (!isObject(c)) return this.fail(at, 'must be a confirmation dialog object');
    const L = BLOCK_KIT_LIMITS;
    this.text(`${at}.title`, c.title, L.confirmTitle, true);
    this.text(`${at}.text`, c.text, L.confirmText, false);
    this.text(`${at}.confirm`, c.confirm, L.confirmButton, true);
    this.text(`${at}.deny`, c.deny, L.confirmButton, true);
    if (c.style !== undefined && c.style !== 'primary' && c.style !== 'danger') this.fail(`${at}.style`, 'must be "primary" or "danger"');
  }

  option(at: string, o: unknown, plainOnly: boolean): string | undefined {
    const L = BLOCK_KIT_LIMITS;
    if (!isObject(o)) return void this.fail(at, 'must be an option object');
    this.text(`${at}.text`, o.text, L.optionText, plainOnly);
    if (typeof o.value !== 'string' || o.value === '') this.fail(`${at}.value`, 'must be a non-empty string');
    else this.maxLength(`${at}.value`, o.value, L.optionValue, 'value');
    if (o.description !== undefined) this.text(`${at}.description`, o.description, L.optionDescription, true);
    return typeof o.value === 'string' ? o.value : undefined;
  }

  options(at: string, list: unknown, max: number, plainOnly: boolean): string[] {
    if (!Array.isArray(list)) return (this.fail(at, 'must be an array of options'), []);
    if (list.length === 0) this.fail(at, 'must list at least one option');
    if (list.length > max) this.fail(at, `has ${list.length} options; Slack allows at most ${max}`);
    const values = list.map((o, i) => this.option(`${at}[${i}]`, o, plainOnly)).filter((v): v is string => v !== undefined);
    const dupes = values.filter((v, i) => values.indexOf(v) !== i);
    if (dupes.length) this.fail(at, `option values must be unique; repeated: ${[...new Set(dupes)].join(', ')}`);
    return values;
  }

  element(at: string, e: unknown): void {
    const L = BLOCK_KIT_LIMITS;
    if (!isObject(e)) return this.fail(at, 'must be an element object');
    if (typeof e.type !== 'string' || !KNOWN_ELEMENTS.has(e.type)) return this.fail(`${at}.type`, `unknown element type ${JSON.stringify(e.type)}`);
    if (e.action_id !== undefined) {
      if (typeof e.action_id !== 'string' || e.action_id === '') this.fail(`${at}.action_id`, 'must be a non-empty string');
      else this.maxLength(`${at}.action_id`, e.action_id, L.actionId, 'action_id');
    }
    if (e.confirm !== undefined) this.confirm(`${at}.confirm`, e.confirm);
    if (e.placeholder !== undefined) this.text(`${at}.placeholder`, e.placeholder, L.placeholder, true);
    switch (e.type) {
      case 'button':
        this.text(`${at}.text`, e.text, L.buttonText, true);
        if (e.value !== undefined) this.maxLength(`${at}.value`, e.value, L.buttonValue, 'value');
        if (e.url !== undefined) this.maxLength(`${at}.url`, e.url, L.url, 'url');
        if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') this.fail(`${at}.style`, 'must be "primary" or "danger"');
        break;
      case 'static_select':
      case 'multi_static_select': {
        if (e.option_groups !== undefined) {
          if (e.options !== undefined) this.fail(at, 'must have options or option_groups, not both');
          if (!Array.isArray(e.option_groups) || e.option_groups.length === 0) this.fail(`${at}.option_groups`, 'must list at least one group');
          break;
        }
        const values = this.options(`${at}.options`, e.options, L.selectOptions, true);
        const initial = e.type === 'static_select' ? (e.initial_option === undefined ? [] : [e.initial_option]) : ((e.initial_options as unknown[] | undefined) ?? []);
        initial.forEach((o, i) => {
          const where = e.type === 'static_select' ? `${at}.initial_option` : `${at}.initial_options[${i}]`;
          const v = this.option(where, o, true);
          if (v !== undefined && !values.includes(v)) this.fail(where, `value "${v}" is not one of the options`);
        });
        break;
      }
      case 'checkboxes':
      case 'radio_buttons':
        this.options(`${at}.options`, e.options, L.checkboxOptions, false);
        break;
      case 'overflow':
        this.options(`${at}.options`, e.options, 5, true); // https://docs.slack.dev/reference/block-kit/block-elements/overflow-menu-element (max 5)
        break;
      case 'plain_text_input':
        for (const k of ['min_length', 'max_length'] as const) {
          const n = e[k];
          if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > L.plainTextInputLength)) this.fail(`${at}.${k}`, `must be an integer from 0 to ${L.plainTextInputLength}`);
        }
        break;
      case 'datepicker':
        if (e.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(e.initial_date))) this.fail(`${at}.initial_date`, 'must be YYYY-MM-DD');
        break;
      default:
        break;
    }
  }

  block(at: string, b: unknown): void {
    const L = BLOCK_KIT_LIMITS;
    if (!isObject(b)) return this.fail(at, 'must be a block object');
    if (typeof b.type !== 'string' || !KNOWN_BLOCKS.has(b.type)) return this.fail(`${at}.type`, `unknown block type ${JSON.stringify(b.type)}`);
    const here = `${at} (${b.type})`;
    this.blockId(here, b);
    switch (b.type) {
      case 'header':
        this.text(`${here}.text`, b.text, L.headerText, true);
        break;
      case 'section':
        if (b.text === undefined && b.fields === undefined) this.fail(here, 'needs text or fields');
        if (b.text !== undefined) this.text(`${here}.text`, b.text, L.sectionText, false);
        if (b.fields !== undefined) {
          if (!Array.isArray(b.fields) || b.fields.length === 0) this.fail(`${here}.fields`, 'must be a non-empty array');
          else {
            if (b.fields.length > L.sectionFields) this.fail(`${here}.fields`, `has ${b.fields.length} items; Slack allows at most ${L.sectionFields}`);
            b.fields.forEach((f, i) => this.text(`${here}.fields[${i}]`, f, L.sectionFieldText, false));
          }
        }
        if (b.accessory !== undefined) this.element(`${here}.accessory`, b.accessory);
        break;
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length === 0) this.fail(`${here}.elements`, 'must be a non-empty array');
        else {
          if (b.elements.length > L.contextElements) this.fail(`${here}.elements`, `has ${b.elements.length} elements; Slack allows at most ${L.contextElements}`);
          b.elements.forEach((el, i) => {
            if (isObject(el) && el.type === 'image') return;
            this.text(`${here}.elements[${i}]`, el, L.sectionText, false);
          });
        }
        break;
      case 'actions': {
        if (!Array.isArray(b.elements) || b.elements.length === 0) {
          this.fail(`${here}.elements`, 'must be a non-empty array');
          break;
        }
        if (b.elements.length > L.actionsElements) this.fail(`${here}.elements`, `has ${b.elements.length} elements; Slack allows at most ${L.actionsElements}`);
        b.elements.forEach((el, i) => this.element(`${here}.elements[${i}]`, el));
        const ids = b.elements.map((el) => (isObject(el) ? el.action_id : undefined)).filter((id): id is string => typeof id === 'string');
        const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
        if (dupes.length) this.fail(`${here}.elements`, `action_ids must be unique within the block; repeated: ${[...new Set(dupes)].join(', ')}`);
        break;
      }
      case 'input':
        this.text(`${here}.label`, b.label, L.inputLabel, true);
        if (b.hint !== undefined) this.text(`${here}.hint`, b.hint, L.inputHint, true);
        if (b.element === undefined) this.fail(`${here}.element`, 'is required');
        else this.element(`${here}.element`, b.element);
        break;
      default:
        break;
    }
  }

  blocks(at: string, blocks: unknown, max: number): Json[] {
    if (!Array.isArray(blocks)) return (this.fail(at, 'must be an array of blocks'), []);
    if (blocks.length > max) this.fail(at, `has ${blocks.length} blocks; Slack allows at most ${max} here`);
    blocks.forEach((b, i) => this.block(`${at}[${i}]`, b));
    return blocks.filter(isObject);
  }
}

/** Every reason Slack would reject (or silently truncate) this payload on this surface; empty when valid. */
export function blockKitProblems(payload: unknown, surface: Surface): string[] {
  const L = BLOCK_KIT_LIMITS;
  const c = new Checker();
  if (!isObject(payload)) return [`${surface}: payload must be an object (${surface === 'message' ? '{ blocks, text }' : 'a view'})`];
  if (surface === 'message') {
    c.blocks('blocks', payload.blocks, L.blocks.message);
    if (typeof payload.text !== 'string' || payload.text.trim() === '') c.fail('text', 'the fallback text (notifications, screen readers) must be a non-empty string');
    else c.maxLength('text', payload.text, L.messageText);
    return c.problems;
  }
  if (payload.type !== surface) c.fail('type', `must be "${surface}", got ${JSON.stringify(payload.type)}`);
  const blocks = c.blocks('blocks', payload.blocks, L.blocks[surface]);
  if (payload.private_metadata !== undefined) c.maxLength('private_metadata', payload.private_metadata, L.privateMetadata, 'private_metadata');
  if (payload.callback_id !== undefined) c.maxLength('callback_id', payload.callback_id, L.callbackId, 'callback_id');
  if (surface === 'modal') {
    c.text('title', payload.title, L.modalTitle, true);
    if (payload.submit !== undefined) c.text('submit', payload.submit, L.modalButton, true);
    if (payload.close !== undefined) c.text('close', payload.close, L.modalButton, true);
    if (payload.submit === undefined && blocks.some((b) => b.type === 'input')) c.fail('submit', 'is required when the view has input blocks');
  }
  return c.problems;
}

/** Jest-friendly: throws one error listing every problem. Typed per surface, so tsc checks the payload's shape. */
export function expectValidBlockKit(payload: MessagePayload, surface: 'message', label?: string): void;
export function expectValidBlockKit(payload: ModalView, surface: 'modal', label?: string): void;
export function expectValidBlockKit(payload: HomeView, surface: 'home', label?: string): void;
export function expectValidBlockKit(payload: MessagePayload | ModalView | HomeView, surface: Surface, label = `Block Kit ${surface}`): void {
  const problems = blockKitProblems(payload, surface);
  if (problems.length > 0) {
    throw new Error(`${label} breaks Slack's Block Kit rules (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`);
  }
}
