/**
 * Pure pieces of the Teams edge: reading activities (who, where, the command text after
 * the bot's mention, the reply chain), private-reply targets and service URLs, the
 * connector's retry decisions, and the preview form (its fields, its signature, its checks).
 */
import { isRetryable, platformError, retryAfterMs } from '../../../adapters/teams/connector-errors';
import { readInstall, readMessage } from '../../../adapters/teams/inbound';
import { readCardAction } from '../../../adapters/teams/inbound-actions';
import { previewFormCard, readPreviewForm, signFormBinding, verifyFormBinding } from '../../../adapters/teams/preview-form';
import {
  canonicalServiceUrl,
  decodeReplyTarget,
  encodeReplyTarget,
  replyChainRoot,
} from '../../../adapters/teams/thread-ref';
import { PreLetterError } from '../../../src/domain/errors';
import { fixture } from './support/teams-activities';
import { AAD, TEAMS_CHANNELS, TENANT } from './support/teams-directory';

const KEY = Buffer.alloc(32, 7);
const NORTH = TEAMS_CHANNELS.northwind.channelId;
const NOW = new Date('2026-03-03T08:00:00Z');

describe('Teams activities at the edge', () => {
  it('reads a channel mention as a command by the sender’s Azure AD identity in the bound channel', () => {
    const request = readMessage(fixture('message-channel-mention'))!;
    expect(request).toMatchObject({
      actor: { platform: 'teams', workspaceId: TENANT, userId: AAD.mara },
      text: 'preview',
      addressed: true,
      channel: { platform: 'teams', workspaceId: TENANT, channelId: NORTH },
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
    });
    expect(request.thread).toBeUndefined();
    expect(decodeReplyTarget(request.reply.target)).toEqual({ serviceUrl: 'https://smba.trafficmanager.net/emea/', tenantId: TENANT });
  });

  it('knows a reply inside a reply chain, and which root it belongs to', () => {
    const request = readMessage(fixture('message-reply-chain'))!;
    expect(request.text).toBe('ack');
    expect(request.thread).toEqual({ conversationId: NORTH, rootActivityId: '1772524800001' });
  });

  it('reads personal chat without a mention and answers in that chat', () => {
    const request = readMessage(fixture('message-personal'))!;
    expect(request).toMatchObject({ text: 'status', addressed: true });
    expect(request.channel).toBeUndefined();
    expect(decodeReplyTarget(request.reply.target).conversationId).toBe(`a:1personal-${AAD.mara}`);
  });

  it('does not treat channel talk that mentions someone else as a command', () => {
    const a = fixture('message-channel-mention');
    a.entities[0].mentioned.id = '29:1someone-else';
    expect(readMessage(a)!.addressed).toBe(false);
  });

  it('refuses a person without an Azure AD object id, naming the field', () => {
    const a = fixture('message-personal');
    delete a.from.aadObjectId;
    expect(() => readMessage(a)).toThrow(expect.objectContaining({ code: 'invalid-input', userMessage: expect.stringContaining('(from.aadObjectId)') }));
  });

  it('accepts the Bot Framework Emulator’s user id, which has no Azure AD behind it', () => {
    const a: Record<string, any> = { ...fixture('message-personal'), channelId: 'emulator', serviceUrl: 'http://localhost:56789', conversation: { id: '8a0c|livechat' }, channelData: {} };
    delete a.from.aadObjectId;
    expect(readMessage(a)!.actor).toEqual({ platform: 'teams', workspaceId: 'emulator', userId: a.from.id });
  });

  it('reads the verb, data and clicked card of an adaptiveCard/action invoke', () => {
    const request = readCardAction(fixture('invoke-adaptive-card-action'));
    expect(request).toMatchObject({ verb: 'acknowledge', data: { ref: 'PL-2026-0001' }, place: { conversationId: `${NORTH};messageid=1772524800001`, messageId: '1772524800001', personal: false } });
  });

  it('reads the bot being added to a team as the General channel to bind', () => {
    expect(readInstall(fixture('conversation-update-team-install'))).toMatchObject({ teamId: '19:un-team-general@thread.tacv2', channel: { channelId: '19:un-team-general@thread.tacv2', workspaceId: TENANT } });
  });
});

describe('Teams addresses', () => {
  it('spells a service URL one way, so refs made when posting match refs rebuilt from replies', () => {
    expect(canonicalServiceUrl('https://SMBA.trafficmanager.net/emea')).toBe('https://smba.trafficmanager.net/emea/');
    expect(canonicalServiceUrl('https://smba.trafficmanager.net/emea/')).toBe('https://smba.trafficmanager.net/emea/');
  });

  it('round-trips private-reply targets and refuses one for a foreign host', () => {
    const place = { serviceUrl: 'https://smba.trafficmanager.net/emea/', tenantId: TENANT, conversationId: 'a:1chat' };
    expect(decodeReplyTarget(encodeReplyTarget(place))).toEqual(place);
    expect(decodeReplyTarget(encodeReplyTarget({ serviceUrl: place.serviceUrl, tenantId: TENANT }))).toEqual({ serviceUrl: place.serviceUrl, tenantId: TENANT });
    expect(() => encodeReplyTarget({ ...place, serviceUrl: 'http://evil.example/' })).toThrow(PreLetterError);
  });

  it('finds the root of a reply chain only in a reply-chain conversation id', () => {
    expect(replyChainRoot(`${NORTH};messageid=123`)).toBe('123');
    expect(replyChainRoot(NORTH)).toBeUndefined();
  });
});

describe('Teams connector failures', () => {
  const failure = (statusCode: number | undefined, retryAfter?: string) => ({ statusCode, response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } } });

  it('retries 429, 5xx and dropped connections, but not refusals', () => {
    expect([429, 500, 502, 503, 504, undefined].map((s) => isRetryable(failure(s)))).toEqual([true, true, true, true, true, true]);
    expect([400, 401, 403, 404, 501].map((s) => isRetryable(failure(s)))).toEqual([false, false, false, false, false]);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs(failure(429, '2'))).toBe(2000);
    expect(retryAfterMs(failure(429, 'Tue, 03 Mar 2026 08:00:05 GMT'), Date.parse('2026-03-03T08:00:00Z'))).toBe(5000);
    expect(retryAfterMs(failure(429))).toBeUndefined();
  });

  it('turns what still fails into a sentence, logging only the operation and status', () => {
    const err = platformError(failure(403), 'createChannelPost');
    expect(err).toMatchObject({ code: 'platform', context: { operation: 'createChannelPost', status: 403 } });
    expect(err.userMessage).toMatch(/^Teams did not let PreLetter post there\..*\.$/);
    expect(platformError(failure(undefined), 'send').userMessage).toContain('could not be reached');
  });
});

describe('Teams preview form', () => {
  const options = {
    company: { key: 'northwind', name: 'Northwind <at>Social</at>' },
    mandates: [
      { key: 'sr-expression', title: 'SR on expression' },
      { key: 'sr-privacy', title: 'SR on privacy' },
    ],
    topics: ['content-moderation', 'surveillance'],
  };
  const token = () => signFormBinding(TEAMS_CHANNELS.northwind, AAD.tom, true, KEY);

  it('offers the mandate choice only to someone on several mandate teams, and escapes the company name', () => {
    const card = previewFormCard(options, token()) as any;
    expect(card.body.find((b: any) => b.id === 'mandate').choices).toEqual([
      { title: 'SR on expression', value: 'sr-expression' },
      { title: 'SR on privacy', value: 'sr-privacy' },
    ]);
    expect(card.body[0].text).not.toContain('<at>');
    expect((previewFormCard({ ...options, mandates: [options.mandates[0]!] }, token()) as any).body.find((b: any) => b.id === 'mandate')).toBeUndefined();
  });

  it('asks for the mandate when the person is on several teams, and reads a valid form into a preview', () => {
    const data = { form: token(), type: 'UA', topics: 'surveillance,content-moderation', summary: '  Heads up.  ', expectedDate: '2026-03-02', urgent: 'false' };
    expect(readPreviewForm(data, NOW, KEY)).toMatchObject({ ok: false, errors: { mandate: 'Choose the mandate this letter comes from.' } });
    expect(readPreviewForm({ ...data, mandate: 'sr-privacy' }, NOW, KEY)).toMatchObject({
      ok: true,
      input: { channel: TEAMS_CHANNELS.northwind, type: 'UA', topics: ['surveillance', 'content-moderation'], summary: 'Heads up.', urgent: false, expectedFormalDate: '2026-03-02', mandateKey: 'sr-privacy' },
    });
  });

  it('ignores a mandate value on a form without the mandate choice, which has no field to show an error under', () => {
    const single = signFormBinding(TEAMS_CHANNELS.northwind, AAD.tom, false, KEY);
    const form = readPreviewForm({ form: single, type: 'AL', topics: 'surveillance', summary: 'S', mandate: 7 }, NOW, KEY);
    expect(form).toMatchObject({ ok: true, input: { type: 'AL', topics: ['surveillance'], summary: 'S' } });
    expect(form.ok && form.input.mandateKey).toBeUndefined();
  });

  it('trusts only a binding signed with its own key', () => {
    expect(verifyFormBinding(token(), KEY)).toMatchObject({ channelId: NORTH, userId: AAD.tom, mandateChoice: true });
    expect(() => verifyFormBinding(token(), Buffer.alloc(32, 8))).toThrow(expect.objectContaining({ userMessage: expect.stringContaining('out of date') }));
    expect(() => verifyFormBinding(`${token()}.extra`, KEY)).toThrow(PreLetterError);
    expect(() => verifyFormBinding(undefined, KEY)).toThrow(PreLetterError);
  });
});
