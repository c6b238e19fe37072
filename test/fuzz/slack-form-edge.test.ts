/**
 * Property-based checks of the Slack edge for the preview modal: view_submission
 * payloads in the documented shape (test/fixtures/slack/view-submission.json), mutated
 * with wrong types, missing fields, huge strings, unknown options and dates out of range,
 * go through the adapter's reader and the modal's validation. They never crash: a payload
 * is either refused with a PreLetterError naming its field, or answered with errors keyed
 * by the modal's own block ids (Slack shows each next to its field), or read into a
 * preview input that keeps every promise the core relies on.
 */
import fc from 'fast-check';
import { earliestFormDate } from '../../src/bot/shared-decisions';
import { readViewSubmission } from '../../adapters/slack/inbound';
import { PREVIEW_BLOCKS, previewModal, readPreviewForm } from '../../adapters/slack/preview-modal';
import { SUMMARY_MAX_LENGTH } from '../../src/bot/preview-letter';
import { previewValues, viewSubmission } from '../adapters/slack/support/slack-requests';
import { expectNone, fieldErrorProblems, inputProblems, refusalProblems } from './support/form-checks';
import { runs } from './support/fuzz-settings';
import { hostileText } from './support/hostile-text';
import { mutate, mutations, oddDates, type Path } from './support/mutate';

const CHANNEL = { platform: 'slack' as const, workspaceId: 'T0TEST', channelId: 'C0NORTH' };
const TOPICS = ['privacy', 'surveillance', 'content-moderation'];
const modalMetadata = (mandateChoice: boolean) =>
  previewModal(
    { company: { key: 'northwind', name: 'Northwind' }, mandates: mandateChoice ? [{ key: 'sr-a', title: 'A' }, { key: 'sr-b', title: 'B' }] : [{ key: 'sr-a', title: 'A' }], topics: TOPICS },
    CHANNEL,
  ).private_metadata!;
/** The private_metadata the modal carries, with and without the mandate choice. */
const METADATA = { true: modalMetadata(true), false: modalMetadata(false) };
const metadataFor = (mandateChoice: boolean) => METADATA[`${mandateChoice}`];
/** The documented payload, read once; each case works on its own copy. */
const TEMPLATE = viewSubmission({ user: 'U0MARA', privateMetadata: '', values: {}, viewId: 'V0VIEW1', hash: '1.a' });

const option = fc.oneof(fc.constantFrom('UA', 'AL', 'OL', 'ua', 'XX', '', 'sr-a', 'sr-b', 'sr-z', ...TOPICS), hostileText);
const options = fc.array(fc.oneof(option.map((value) => ({ value })), fc.anything({ maxDepth: 1 })), { maxLength: 6 });
const values = (block: string): Path => ['view', 'state', 'values', block];

const PATHS: ReadonlyArray<{ path: Path; plausible: fc.Arbitrary<unknown> }> = [
  { path: ['type'], plausible: fc.constantFrom('view_submission', 'block_actions') },
  { path: ['user'], plausible: fc.constant({ id: 'U0MARA' }) },
  { path: ['user', 'id'], plausible: fc.constantFrom('U0MARA', 'u0mara', 'W0ANA', '<!here>') },
  { path: ['user', 'team_id'], plausible: fc.constantFrom('T0TEST', 'T0OTHER', 't0test') },
  { path: ['team'], plausible: fc.constantFrom(null, { id: 'T0TEST' }) },
  { path: ['view', 'id'], plausible: fc.constantFrom('V0VIEW1', '') },
  { path: ['view', 'hash'], plausible: fc.constantFrom('1772524800.AbCdEfGh', '') },
  { path: ['view', 'callback_id'], plausible: fc.constantFrom('preletter-preview', 'other') },
  { path: ['view', 'private_metadata'], plausible: fc.constantFrom(metadataFor(true), metadataFor(false), '', '{}', '{"v":1,"workspaceId":"T0TEST","channelId":"<!here>","mandateChoice":true}', '{"__proto__":{"v":1}}', 'null') },
  { path: ['view', 'state'], plausible: fc.constant({ values: {} }) },
  { path: ['view', 'state', 'values'], plausible: fc.constant({}) },
  ...Object.values(PREVIEW_BLOCKS).flatMap((block) => [
    { path: values(block), plausible: fc.constant({}) },
    { path: [...values(block), 'value'], plausible: fc.constant({}) },
    { path: [...values(block), 'value', 'selected_option'], plausible: option.map((value) => ({ value })) },
    { path: [...values(block), 'value', 'selected_option', 'value'], plausible: option },
    { path: [...values(block), 'value', 'selected_options'], plausible: options },
    { path: [...values(block), 'value', 'selected_options', 0, 'value'], plausible: option },
    { path: [...values(block), 'value', 'value'], plausible: fc.oneof(hostileText, fc.constant('x'.repeat(SUMMARY_MAX_LENGTH + 1))) },
    { path: [...values(block), 'value', 'selected_date'], plausible: oddDates },
  ]),
  { path: values('__proto__'), plausible: fc.constant({ value: { selected_option: { value: 'UA' } } }) },
];

const base = fc.record({
  mandateChoice: fc.boolean(),
  type: fc.constantFrom('UA', 'AL', 'OL'),
  topics: fc.subarray(TOPICS, { minLength: 1 }),
  summary: hostileText.filter((s) => s.trim() !== '' && s.trim().length <= SUMMARY_MAX_LENGTH),
  date: fc.option(oddDates, { nil: null }),
  urgent: fc.boolean(),
});

type BaseForm = typeof base extends fc.Arbitrary<infer T> ? T : never;

const now = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true });

function submission(b: BaseForm): unknown {
  const form = { ...b, ...(b.mandateChoice ? { mandate: 'sr-b' } : {}) };
  const body = structuredClone(TEMPLATE);
  body.view.private_metadata = metadataFor(b.mandateChoice);
  body.view.state = { values: previewValues(form) };
  return body;
}

describe('the Slack preview modal at the edge, fuzzed', () => {
  it('refuses with a field-naming PreLetterError, errors keyed by its own blocks, or a sound preview input (500 cases)', () => {
    fc.assert(
      fc.property(base, mutations(PATHS), now, (b, muts, at) => {
        const body = mutate(submission(b), muts);
        let form: ReturnType<typeof readPreviewForm>;
        let mandateChoice = false;
        try {
          const request = readViewSubmission(body);
          form = readPreviewForm(request, at);
          // Read only once the form accepted it as PreLetter's own JSON.
          mandateChoice = (JSON.parse(request.privateMetadata) as { mandateChoice: boolean }).mandateChoice;
        } catch (err) {
          return expectNone(refusalProblems(err, 'private_metadata'), muts);
        }
        if (!form.ok) {
          const shown = Object.values(PREVIEW_BLOCKS).filter((block) => block !== PREVIEW_BLOCKS.mandate || mandateChoice);
          return expectNone(fieldErrorProblems(form.errors, shown), muts);
        }
        const problems = inputProblems(form.input, earliestFormDate(at), mandateChoice);
        if (form.input.channel.platform !== 'slack') problems.push('a channel that is not Slack');
        expectNone(problems, { b, muts });
      }),
      runs(500),
    );
  });
});
