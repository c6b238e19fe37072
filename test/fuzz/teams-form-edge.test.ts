/**
 * Property-based checks of the Teams edge for the preview form: `adaptiveCard/action`
 * invokes in the documented shape (test/fixtures/teams/invoke-adaptive-card-action.json)
 * carrying the form's Action.Execute data, mutated with wrong types, missing fields, huge
 * strings, unknown choices and dates out of range, go through the adapter's reader
 * (inbound.ts) and the form's validation (preview-form.ts). They never crash: an invoke
 * is refused with a PreLetterError naming its field, or the form comes back with errors
 * shown under fields the form has, or it is read into a sound preview input.
 */
import fc from 'fast-check';
import { earliestFormDate } from '../../src/bot/shared-decisions';
import { readCardAction } from '../../adapters/teams/inbound-actions';
import { PREVIEW_FIELDS, PREVIEW_SUBMIT_VERB, previewFormCard, readPreviewForm, signFormBinding } from '../../adapters/teams/preview-form';
import { SUMMARY_MAX_LENGTH } from '../../src/bot/preview-letter';
import { fixture } from '../adapters/teams/support/teams-activities';
import { expectNone, fieldErrorProblems, inputProblems, refusalProblems } from './support/form-checks';
import { runs } from './support/fuzz-settings';
import { hostileText } from './support/hostile-text';
import { mutate, mutations, oddDates, type Path } from './support/mutate';
import { cardTextProblems, markdownTexts } from './support/teams-checks';

const KEY = Buffer.alloc(32, 7);
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const USER = 'a0000000-0000-4000-8000-0000000000a3';
const CHANNEL = { platform: 'teams' as const, workspaceId: TENANT, channelId: '19:northwind-shared@thread.tacv2' };
const TOPICS = ['privacy', 'surveillance', 'content-moderation'];
/** The form's choices as previewFormOptions gives them: several mandates exactly when the binding says so. */
const optionsFor = (mandateChoice: boolean) => ({
  company: { key: 'northwind', name: 'Northwind' },
  mandates: mandateChoice ? [{ key: 'sr-a', title: 'A' }, { key: 'sr-b', title: 'B' }] : [{ key: 'sr-a', title: 'A' }],
  topics: TOPICS,
});
const TOKENS = { true: signFormBinding(CHANNEL, USER, true, KEY), false: signFormBinding(CHANNEL, USER, false, KEY) };
const token = (mandateChoice: boolean) => TOKENS[`${mandateChoice}`];
/** The documented invoke, read once; each case works on its own copy. */
const TEMPLATE = fixture('invoke-adaptive-card-action');

const choice = fc.oneof(fc.constantFrom('UA', 'AL', 'OL', 'ua', 'XX', '', 'sr-a', 'sr-z', 'true', 'false', 'privacy,surveillance', ',,,', ' , privacy'), hostileText);
const forgedToken = fc.oneof(
  fc.constantFrom('', 'x.y', 'a.b.c', token(true).replace(/.$/, 'A'), `${token(true)}.x`, signFormBinding(CHANNEL, USER, true, Buffer.alloc(32, 8))),
  fc.boolean().map(token),
);
const data = (key: string): Path => ['value', 'action', 'data', key];

const PATHS: ReadonlyArray<{ path: Path; plausible: fc.Arbitrary<unknown> }> = [
  { path: ['type'], plausible: fc.constantFrom('invoke', 'message') },
  { path: ['id'], plausible: fc.constantFrom('f:1', '') },
  { path: ['channelId'], plausible: fc.constantFrom('msteams', 'emulator', '') },
  { path: ['serviceUrl'], plausible: fc.constantFrom('https://smba.trafficmanager.net/emea/', 'http://evil.example/', 'https://evil.example/', 'not a url') },
  { path: ['from'], plausible: fc.constant({ id: '29:1x' }) },
  { path: ['from', 'aadObjectId'], plausible: fc.constantFrom(USER, 'A0000000-0000-4000-8000-0000000000A3', 'not-a-guid', '') },
  { path: ['recipient', 'id'], plausible: fc.constantFrom('28:bot', '') },
  { path: ['conversation'], plausible: fc.constant({ id: '19:x@thread.tacv2' }) },
  { path: ['conversation', 'id'], plausible: fc.constantFrom('19:northwind-shared@thread.tacv2', 'a:1personal', 'has spaces', '') },
  { path: ['conversation', 'tenantId'], plausible: fc.constantFrom(TENANT, 'other-tenant', '<!here>', '') },
  { path: ['conversation', 'conversationType'], plausible: fc.constantFrom('personal', 'channel', 'groupChat', 'meeting') },
  { path: ['channelData'], plausible: fc.constant({}) },
  { path: ['replyToId'], plausible: fc.constantFrom('1772524800001', 'bad id') },
  { path: ['value'], plausible: fc.constant({}) },
  { path: ['value', 'action'], plausible: fc.constant({ verb: PREVIEW_SUBMIT_VERB }) },
  { path: ['value', 'action', 'verb'], plausible: fc.constantFrom(PREVIEW_SUBMIT_VERB, 'acknowledge', '', 'x'.repeat(101)) },
  { path: ['value', 'action', 'data'], plausible: fc.constantFrom({}, []) },
  { path: data('form'), plausible: forgedToken },
  // The form's own fields three times over: they are what a person (or a forged invoke) changes most.
  ...[1, 2, 3].flatMap(() => PREVIEW_FIELDS.map((field) => ({ path: data(field), plausible: field === 'expectedDate' ? oddDates : choice }))),
  { path: data('summary'), plausible: fc.constant(` ${'y'.repeat(SUMMARY_MAX_LENGTH + 1)} `) },
  { path: data('__proto__'), plausible: fc.constant({ type: 'UA' }) },
  { path: data('constructor'), plausible: choice },
];

const base = fc.record({
  mandateChoice: fc.boolean(),
  type: fc.constantFrom('UA', 'AL', 'OL'),
  topics: fc.subarray(TOPICS, { minLength: 1 }).map((t) => t.join(',')),
  summary: hostileText.filter((s) => s.trim() !== '' && s.trim().length <= SUMMARY_MAX_LENGTH),
  expectedDate: fc.option(oddDates, { nil: undefined }),
  urgent: fc.constantFrom('true', 'false'),
});

type BaseForm = typeof base extends fc.Arbitrary<infer T> ? T : never;

const now = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true });

function invoke(b: BaseForm): unknown {
  const { mandateChoice, ...fields } = b;
  const a = structuredClone(TEMPLATE);
  const formData = { form: token(mandateChoice), ...fields, ...(mandateChoice ? { mandate: 'sr-b' } : {}) };
  a.value = { action: { type: 'Action.Execute', verb: PREVIEW_SUBMIT_VERB, data: formData }, trigger: 'manual' };
  return a;
}

describe('the Teams preview form at the edge, fuzzed', () => {
  it('refuses with a field-naming PreLetterError, shows errors under its own fields, or reads a sound preview input (500 cases)', () => {
    fc.assert(
      fc.property(base, mutations(PATHS), now, (b, muts, at) => {
        const body = mutate(invoke(b), muts);
        let form: ReturnType<typeof readPreviewForm>;
        try {
          const request = readCardAction(body);
          form = readPreviewForm(request.data, at, KEY);
        } catch (err) {
          return expectNone(refusalProblems(err, 'form'), muts);
        }
        const { binding } = form;
        if (!form.ok) {
          // The listener sends the same form back with the errors; each must sit under a field the form has.
          const card = previewFormCard(optionsFor(binding.mandateChoice), token(binding.mandateChoice), form.values, form.errors) as { body: Array<{ id?: string }> };
          const fields = card.body.flatMap((element) => (element.id ? [element.id] : []));
          const problems = fieldErrorProblems(form.errors, fields);
          for (const { where, text } of markdownTexts(card)) problems.push(...cardTextProblems(text, []).map((p) => `${where}: ${p}`));
          return expectNone(problems, muts);
        }
        const problems = inputProblems(form.input, earliestFormDate(at), binding.mandateChoice);
        if (form.input.topics.some((t) => t.includes(',') || t !== t.trim() || t === '')) problems.push(`topics ${JSON.stringify(form.input.topics)}`);
        if (JSON.stringify(form.input.channel) !== JSON.stringify(CHANNEL) || binding.userId !== USER) problems.push('a channel or person the form was not signed for');
        expectNone(problems, { b, muts });
      }),
      runs(500),
    );
  });
});
