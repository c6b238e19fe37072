/** Where flags stand, through `status` on the core, on the real database: each person sees the flags that are theirs to see, and nothing else. */
import { acknowledgeFlag } from '../../src/bot/acknowledge-flag';
import { previewLetter } from '../../src/bot/preview-letter';
import { raiseFlag } from '../../src/bot/raise-flag';
import { status } from '../../src/bot/status';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { cardText } from '../support/recording-platform';
import { KESTREL_CHANNEL, NORTHWIND_CHANNEL, USERS } from '../support/test-directory';
import { englishOf } from '../support/words';

const NORTHWIND_ISSUE = 'Police asked for protesters’ data.';
const KESTREL_ISSUE = 'A government wants a backdoor in our storage.';

describe('flags in status', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await openBotHarness();
    await raiseFlag(h.deps, { actor: USERS.ana, channel: NORTHWIND_CHANNEL, topics: ['surveillance'], summary: NORTHWIND_ISSUE, urgent: false });
    h.clock.advanceHours(1);
    await raiseFlag(h.deps, { actor: USERS.kai, channel: KESTREL_CHANNEL, topics: ['surveillance'], summary: KESTREL_ISSUE, urgent: true });
    h.clock.advanceHours(1);
    await acknowledgeFlag(h.deps, { actor: USERS.tom, ref: 'FL-2026-0001' });
  });
  afterAll(async () => h.close());

  it("lists a company's own flags to its people, with who acknowledged each and when, and never another company's", async () => {
    const text = cardText(await status(h.deps, { actor: USERS.dana }));
    expect(text).toContain('1 flag raised with the Special Procedures, newest first.');
    expect(text).toContain('FL-2026-0001 · Flag from Northwind Social: Acknowledged by the Special Rapporteur on freedom of opinion and expression on Tue 3 Mar 2026, 05:00 EST');
    expect(text).not.toContain('FL-2026-0002');
    expect(text).not.toContain(NORTHWIND_ISSUE);
  });

  it('lists to a mandate team the flags sent to its mandates that await acknowledgement, and no longer those acknowledged', async () => {
    const text = cardText(await status(h.deps, { actor: USERS.mara }));
    expect(text).toContain('FL-2026-0002 · Flag from Kestrel Cloud: Awaiting acknowledgement');
    expect(text).not.toContain('FL-2026-0001');
  });

  it('lists letters and flags together to a company person who has both', async () => {
    await previewLetter(h.deps, { actor: USERS.mara, channel: KESTREL_CHANNEL, type: 'AL', topics: ['surveillance'], summary: 'A letter.', urgent: false });
    const card = await status(h.deps, { actor: USERS.kai });
    expect(card.fields.map((f) => f.label)).toEqual([expect.stringMatching(/^PL-2026-0001 · Kestrel Cloud/), 'FL-2026-0002 · Flag from Kestrel Cloud']);
    expect(cardText(card)).toContain('1 letter, newest first.');
    expect(cardText(card)).toContain('1 flag raised with the Special Procedures');
  });

  it('shows one flag with its text to its company’s people and to the team of a mandate it went to', async () => {
    for (const actor of [USERS.wei, USERS.mara]) {
      const text = cardText(await status(h.deps, { actor, ref: 'FL-2026-0001' }));
      expect(text).toContain(NORTHWIND_ISSUE);
      expect(text).toContain('Routed to: Special Rapporteur on freedom of opinion and expression');
      expect(text).toContain('Acknowledged: Tom Arlen, for the Special Rapporteur on freedom of opinion and expression');
    }
    expect(cardText(await status(h.deps, { actor: USERS.mara, ref: 'FL-2026-0002' }))).toContain('Marked urgent by the company.');
  });

  it('shows an admin where a flag sent to a mandate stands, but not its text', async () => {
    const text = cardText(await status(h.deps, { actor: USERS.root, ref: 'FL-2026-0002' }));
    expect(text).toContain('Status: Awaiting acknowledgement');
    expect(text).toContain('Raised: Kai Berg');
    expect(text).not.toContain(KESTREL_ISSUE);
  });

  it("answers another company's flag exactly as a flag that does not exist", async () => {
    const refused = async (ref: string) => {
      try {
        await status(h.deps, { actor: USERS.kai, ref });
      } catch (err) {
        return { code: (err as { code: string }).code, words: englishOf(err).replace(ref, 'REF') };
      }
      throw new Error('expected a refusal');
    };
    expect(await refused('FL-2026-0001')).toEqual(await refused('FL-2026-0999'));
    expect(await refused('FL-2026-0001')).toEqual({ code: 'not-found', words: 'There is no flag REF that you can see. Check the reference.' });
  });
});
