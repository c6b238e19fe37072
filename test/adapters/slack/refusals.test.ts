/**
 * Everything a person may not do, through Slack: each is answered privately
 * (chat.postEphemeral to that person, in that place) and changes nothing — no card
 * update, no thread post, no letter change. Plus the preview form's own checks,
 * shown inside the modal.
 */
import { previewLetter } from '../../../src/bot/preview-letter';
import { NORTHWIND_CHANNEL, USERS } from '../../support/test-directory';
import { visibleText } from './support/slack-message-view';
import { buttonClick, previewValues, slashCommand, viewSubmission, type SlackReply } from './support/slack-requests';
import { openSlackWorld, type SlackWorld } from './support/slack-world';

const REF = 'PL-2026-0001';

interface Refusal {
  name: string;
  user: string;
  channel: string;
  send: (w: SlackWorld, rootTs: string) => Promise<SlackReply>;
  says: string;
}

const button = (user: string, action: string, channel = 'C0NORTH') => (w: SlackWorld, rootTs: string) =>
  w.send.interaction(buttonClick({ user, action, ref: REF, channel, messageTs: rootTs }));
const command = (user: string, text: string, channel = 'C0NORTH') => (w: SlackWorld) => w.send.command(slashCommand(user, text, channel));

const REFUSALS: Refusal[] = [
  { name: 'the mandate team acknowledging', user: 'U0MARA', channel: 'C0NORTH', send: button('U0MARA', 'acknowledge'), says: 'acknowledge' },
  { name: 'an owner marking the formal letter sent', user: 'U0ANA', channel: 'C0NORTH', send: button('U0ANA', 'mark-sent'), says: 'mark its formal letter as sent' },
  { name: 'an owner withdrawing', user: 'U0ANA', channel: 'C0NORTH', send: button('U0ANA', 'withdraw'), says: 'withdraw it' },
  { name: 'a reply recorded before the formal letter', user: 'U0MARA', channel: 'C0NORTH', send: button('U0MARA', 'record-reply'), says: `/preletter sent ${REF}` },
  { name: 'another company acknowledging', user: 'U0KAI', channel: 'C0KESTREL', send: button('U0KAI', 'acknowledge', 'C0KESTREL'), says: 'among the letters you can see' },
  { name: 'a stranger acknowledging by command', user: 'U0NOBODY', channel: 'C0NORTH', send: command('U0NOBODY', `ack ${REF}`), says: "I don't know your Slack account yet" },
  { name: 'an owner previewing', user: 'U0ANA', channel: 'C0NORTH', send: command('U0ANA', 'preview'), says: 'Only members of a mandate team can preview letters' },
  { name: 'a preview in an unbound channel', user: 'U0MARA', channel: 'C0RANDOM', send: command('U0MARA', 'preview', 'C0RANDOM'), says: 'not bound to a company' },
  { name: 'a preview in a direct message', user: 'U0MARA', channel: 'D0MARA', send: command('U0MARA', 'preview', 'D0MARA'), says: 'Run `/preletter preview` in that channel' },
  { name: 'a mistyped command', user: 'U0TOM', channel: 'C0NORTH', send: command('U0TOM', `sen ${REF}`), says: 'Did you mean `/preletter sent`?' },
  { name: 'a command without its reference', user: 'U0TOM', channel: 'C0NORTH', send: command('U0TOM', 'sent'), says: 'The letter reference is missing' },
];

describe('Slack: refusals are private and change nothing', () => {
  let w: SlackWorld;
  let rootTs: string;
  beforeAll(async () => {
    w = await openSlackWorld();
    await previewLetter(w.deps, { actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'AL', topics: ['content-moderation'], summary: 'Summary.', urgent: false });
    rootTs = String(w.fake.of('chat.postMessage')[0]!.result.ts);
  });
  afterAll(async () => w.close());

  it.each(REFUSALS)('refuses $name privately', async ({ user, channel, send, says }) => {
    const before = await w.harness.store.letters.list({ scopes: ['all'], limit: 50 });
    w.fake.clear();
    const reply = await send(w, rootTs);
    expect(reply).toMatchObject({ status: 200, text: '' });
    const answer = await w.fake.waitFor(() => w.fake.of('chat.postEphemeral')[0], 'the private refusal');
    await w.slack.idle();
    expect(answer.args).toMatchObject({ user, channel });
    expect(visibleText(answer)).toContain('That did not work');
    expect(visibleText(answer)).toContain(says);
    expect(w.fake.calls.map((c) => c.method)).toEqual(['chat.postEphemeral']);
    expect(await w.harness.store.letters.list({ scopes: ['all'], limit: 50 })).toEqual(before);
  });
});

describe('Slack: the preview form checks its fields in the modal', () => {
  let w: SlackWorld;
  let metadata: string;
  beforeAll(async () => {
    w = await openSlackWorld();
    await w.send.command(slashCommand('U0MARA', 'preview'));
    metadata = ((await w.fake.waitFor(() => w.fake.of('views.open')[0], 'views.open')).args.view as { private_metadata: string }).private_metadata;
  });
  afterAll(async () => w.close());

  it('returns every field error keyed by its block, and creates nothing', async () => {
    w.fake.clear();
    const reply = await w.send.interaction(
      viewSubmission({ user: 'U0MARA', privateMetadata: metadata, values: previewValues({ type: 'AL', topics: [], summary: 'x'.repeat(1501), date: '2026-03-01' }) }),
    );
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({
      response_action: 'errors',
      errors: {
        topics: 'Choose at least one topic.',
        summary: 'The summary is 1501 characters long; the limit is 1500. Please shorten it.',
        expected_date: 'That date is in the past. Choose the date you expect to send the formal letter, today or later.',
      },
    });
    await w.slack.idle();
    expect(w.fake.calls).toEqual([]);
    expect(await w.harness.store.letters.list({ scopes: ['all'], limit: 50 })).toEqual([]);
  });

  it('asks for a summary and a letter type when they are missing', async () => {
    const reply = await w.send.interaction(viewSubmission({ user: 'U0MARA', privateMetadata: metadata, values: previewValues({ topics: ['surveillance'], summary: '   ' }) }));
    expect(reply.json()).toEqual({
      response_action: 'errors',
      errors: { type: 'Choose the letter type.', summary: 'Write a short summary of the letter.' },
    });
  });

  it('names the field Slack sent in a shape PreLetter cannot read', async () => {
    const values = previewValues({ type: 'AL', topics: ['surveillance'], summary: 'Fine.' });
    values.topics = { value: { type: 'multi_static_select', selected_options: 'surveillance' } };
    const reply = await w.send.interaction(viewSubmission({ user: 'U0MARA', privateMetadata: metadata, values }));
    expect(reply.json().errors.topics).toMatch(/^PreLetter could not read this field \(topics\)/);
  });

  it("accepts today's date in the westernmost time zone, which is yesterday in Geneva", async () => {
    w.harness.clock.set('2026-03-03T08:00:00Z'); // 2 March, 20:00 at UTC-12
    const reply = await w.send.interaction(
      viewSubmission({ user: 'U0MARA', privateMetadata: metadata, values: previewValues({ type: 'OL', topics: ['surveillance'], summary: 'Fine.', date: '2026-03-02' }) }),
    );
    expect(reply.text).toBe('');
    await w.fake.waitFor(() => w.fake.of('chat.postEphemeral').find((c) => visibleText(c).includes('is open in the company\'s channel')), 'preview confirmation');
  });
});
