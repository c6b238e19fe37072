/** The decisions both adapters take from the core: the same answers whichever platform asks. */
import { BUTTON_USE_CASES, earliestFormDate, isAckReply } from '../../src/bot/shared-decisions';
import { acknowledge } from '../../src/bot/acknowledge';
import { markSent } from '../../src/bot/mark-sent';
import { recordReply } from '../../src/bot/record-reply';
import { withdraw } from '../../src/bot/withdraw';

describe('decisions shared by the Slack and Teams adapters', () => {
  it('reads `ack` alone, in any case, with a full stop or spaces around it, as an acknowledgement, and nothing else', () => {
    for (const text of ['ack', 'ACK', 'Ack.', '  ack  ', 'ack.\n']) expect(isAckReply(text)).toBe(true);
    for (const text of ['ack PL-2026-0001', 'acknowledged', 'back', 'ack!', 'ok ack', '']) expect(isAckReply(text)).toBe(false);
  });

  it('runs one use case per button', () => {
    expect(BUTTON_USE_CASES).toEqual({ acknowledge, 'mark-sent': markSent, 'record-reply': recordReply, withdraw });
  });

  it('accepts today as the expected date wherever on Earth today still is', () => {
    // 05:00 UTC on 4 March is still 3 March at UTC-12 (Baker Island), so 3 March is not yet in the past.
    expect(earliestFormDate(new Date('2026-03-04T05:00:00Z'))).toBe('2026-03-03');
    expect(earliestFormDate(new Date('2026-03-04T12:00:00Z'))).toBe('2026-03-04');
  });
});
