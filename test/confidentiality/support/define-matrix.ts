/**
 * Runs one part of the matrix on one platform: a test per cell (role × action), each
 * on a letter of its own when the rule lets that role change it, else on one shared
 * letter that must stay untouched. Each cell is judged from everything the bot sent
 * (matrix.ts), and the part prints its table when done, for closing notes.
 */
import type { Letter } from '../../../src/domain/types';
import { CAST, personOfAccount, type CastMember } from './cast';
import {
  ALLOWED,
  classify,
  expectedCell,
  leaks,
  mayBeNotFound,
  normalised,
  NOT_FOUND,
  privateTo,
  renderMatrix,
  UNKNOWN_ACCOUNT,
  type Delivery,
  type Handle,
  type MatrixAction,
} from './matrix';

/** What a platform offers the matrix: letters to act on, and a way to act as anyone and see what was sent. */
export interface MatrixWorld {
  readonly platform: 'Slack' | 'Teams';
  /** The channel name deliveries use for Northwind's bound channel. */
  readonly boundChannel: string;
  /** The letter every cell that must change nothing acts on. */
  readonly shared: Handle;
  /** The same place and words about nothing that exists: a missing reference, an unknown company, a thread that is no letter's. */
  readonly twin: Handle;
  /** A new Northwind letter (its formal letter marked sent when asked), for a cell that may change it. */
  fresh(markedSent: boolean): Promise<Handle>;
  /** Acts as the person and returns everything the bot sent meanwhile (turns finished). */
  perform(member: CastMember, action: MatrixAction, handle: Handle): Promise<Delivery[]>;
  letter(ref: string): Promise<Letter | null>;
  close(): Promise<void>;
}

const DESCRIBE: Record<string, string> = {
  'allowed, text': "is allowed, and shown the letter's text",
  allowed: "is allowed, and not sent the letter's text",
  'allowed, not listed': 'is answered without the letter in it',
  'refused (not found)': 'is answered exactly as for something that does not exist',
  'refused (forbidden)': 'is refused as not theirs to do, without the text',
  'refused (unknown account)': 'is told only that the account is unknown',
};

/** Defines the tests of one part of the matrix and prints its table afterwards. */
export function defineMatrix(title: string, open: () => Promise<MatrixWorld>, actions: MatrixAction[], notes: string[] = []): void {
  describe(title, () => {
    let world: MatrixWorld;
    const seen = new Map<string, string>();
    beforeAll(async () => {
      world = await open();
    }, 60_000);
    afterAll(async () => {
      console.log([renderMatrix(title, actions, seen), ...notes.map((n) => `- ${n}`)].join('\n'));
      await world?.close();
    });

    const cells = CAST.flatMap((member) =>
      actions.map((action) => {
        const expected = expectedCell(member.role, action.id);
        return { member, action, expected, name: `${member.label}, ${action.phrase}, ${DESCRIBE[expected]}` };
      }),
    );

    it.each(cells)('$name', async ({ member, action, expected }) => {
      const actor = personOfAccount(world.platform === 'Slack' ? member.slackUser : member.teamsAad);
      const changes = action.fact !== undefined && expected.startsWith(ALLOWED);
      const handle = changes ? await world.fresh(action.needsSent === true) : world.shared;
      const before = await world.letter(handle.ref);
      const sent = await world.perform(member, action, handle);
      const after = await world.letter(handle.ref);
      const answer = privateTo(sent, actor);
      // The twin (same words about nothing that exists) is asked wherever the answer could be a "not found".
      const twinSent = action.twin && (expected === NOT_FOUND || mayBeNotFound(answer)) ? await world.perform(member, action, world.twin) : undefined;
      const twin = twinSent ? { answer: privateTo(twinSent, actor), handle: world.twin } : undefined;
      const cell = classify(action, answer, handle, twin);
      seen.set(`${member.role}/${action.id}`, cell);

      // Word for word: the same sentences, in the same place, as about something that does not exist.
      if (expected === NOT_FOUND) expect(normalised(answer, handle)).toEqual(normalised(twin!.answer, world.twin));
      // The cell, and no copy of the text outside its places, nothing about the letter in another company's channel.
      expect({ cell, leaks: leaks([...sent, ...(twinSent ?? [])], handle.ref, world.boundChannel) }).toEqual({ cell: expected, leaks: [] });
      // An unknown account is told so, and nothing else is sent anywhere.
      if (expected === UNKNOWN_ACCOUNT) expect(sent.map((d) => d.audience)).toEqual([{ person: actor }]);
      // An allowed action sets its fact, by this person, on its own letter; anything else changes nothing.
      if (action.fact && changes) expect([before?.[action.fact], after?.[action.fact]?.by]).toEqual([undefined, member.key]);
      else expect(after).toEqual(before);
    });
  });
}
