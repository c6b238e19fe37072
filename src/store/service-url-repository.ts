/**
 * Teams tenants' service URLs, so an instance that never heard from a tenant can still
 * post to it. A URL is written only over one heard at the same time or earlier (the
 * condition is part of the write), so activities handled out of order by several
 * instances leave the newest URL on file. Reads are one `_id` lookup.
 */
import type { ServiceUrlRepository } from '../bot/repositories';
import { isDuplicateKeyError } from './db-errors';
import type { ServiceUrlDoc } from './service-url-model';
import type { StoreContext } from './store-connection';

/** ServiceUrlRepository on mongoose. */
export class MongoServiceUrlRepository implements ServiceUrlRepository {
  constructor(private readonly ctx: StoreContext) {}

  remember(tenantId: string, serviceUrl: string, at: Date): Promise<void> {
    return this.ctx.run('rememberServiceUrl', { tenantId }, async () => {
      const { serviceUrl: model } = this.ctx.models;
      const newer = { _id: tenantId, at: { $lte: at } };
      const write = { $set: { url: serviceUrl, at } };
      try {
        await model.updateOne(newer, write, { upsert: true }).exec();
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        // The tenant is on file already (another instance's first write won the insert, or its URL
        // is newer than this one): write over it only if this one is newer.
        await model.updateOne(newer, write).exec();
      }
    });
  }

  find(tenantId: string): Promise<string | null> {
    return this.ctx.run('findServiceUrl', { tenantId }, async () => {
      const doc = await this.ctx.models.serviceUrl.findOne({ _id: tenantId }).lean<ServiceUrlDoc>().exec();
      return doc?.url ?? null;
    });
  }
}
