/** Edge validation failures become one sentence that names the field and never repeats a flood of what was sent. */
import { unreadablePayload } from '../../../adapters/shared/read-payload';

describe('the sentence for an unreadable payload', () => {
  it('names the field but repeats at most 120 characters of what the platform sent', () => {
    const err = unreadablePayload('Teams', 'message', 'conversation.conversationType', `Invalid enum value. Received '${'x'.repeat(1000)}'`);
    expect(err.userMessage).toContain('(conversation.conversationType)');
    expect(err.userMessage.length).toBeLessThan(300);
    expect(err.userMessage).not.toContain('xxx');
    const long = unreadablePayload('Slack', 'payload', `actions.${'y'.repeat(1000)}`, 'Required');
    expect(long.userMessage).toContain(`(actions.${'y'.repeat(112)}…)`);
  });
});
