/**
 * Where each relayed message's copies are (the bridge between a letter's Slack and Teams
 * threads), so an edit or a deletion of the original reaches every copy. Written once
 * per original, after its copies are posted; read by `_id`.
 */
import type { RelayCopy, RelayRepository } from '../bot/repositories';
import type { RelayDoc } from './relay-model';
import type { StoreContext } from './store-connection';

/** RelayRepository on mongoose. */
export class MongoRelayRepository implements RelayRepository {
  constructor(private readonly ctx: StoreContext) {}

  record(originalKey: string, letterRef: string, copies: RelayCopy[], at: Date): Promise<void> {
    return this.ctx.run('recordRelay', { letterRef, copies: copies.length }, async () => {
      const plain = copies.map((c) => ({ platform: c.platform, messageRef: c.messageRef }));
      await this.ctx.models.relay.updateOne({ _id: originalKey }, { $set: { letterRef, at }, $push: { copies: { $each: plain } } }, { upsert: true }).exec();
    });
  }

  copiesOf(originalKey: string): Promise<RelayCopy[]> {
    return this.ctx.run('findRelay', {}, async () => {
      const doc = await this.ctx.models.relay.findOne({ _id: originalKey }).lean<RelayDoc>().exec();
      return (doc?.copies ?? []).map((c) => ({ platform: c.platform === 'teams' ? 'teams' : 'slack', messageRef: c.messageRef }));
    });
  }
}
