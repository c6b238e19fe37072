/**
 * The shared ChatPlatform contract, run against the real TeamsPlatform and botbuilder's
 * real CloudAdapter (Emulator-mode credentials), talking HTTP to the local Bot
 * Connector fake.
 */
import { createCloudAdapter, TeamsConnector } from '../../adapters/teams/connector';
import { ServiceUrlBook, TeamsPlatform } from '../../adapters/teams/platform';
import { encodeReplyTarget } from '../../adapters/teams/thread-ref';
import { systemClock } from '../../src/domain/clock';
import { closeTestStore, openTestStore } from '../support/db';
import { silentLogger } from '../support/silent-logger';
import { ConnectorFake } from '../adapters/teams/support/connector-fake';
import { AAD, TEAMS_CHANNELS, teamsUser, TENANT } from '../adapters/teams/support/teams-directory';
import { teamsDeliveries } from '../adapters/teams/support/teams-message-view';
import { describeChatPlatformContract, type ContractSubject } from './chat-platform-contract';

describeChatPlatformContract('Teams', async (): Promise<ContractSubject> => {
  const fake = await ConnectorFake.start();
  fake.addMember(AAD.ana, 'Ana Ruiz');
  const adapter = createCloudAdapter({ appType: 'MultiTenant' }, silentLogger);
  const connector = new TeamsConnector(adapter, '', { retries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 }, silentLogger);
  const store = await openTestStore();
  const platform = new TeamsPlatform(connector, new ServiceUrlBook(store.serviceUrls, systemClock, fake.serviceUrl), silentLogger);
  return {
    platform,
    channel: TEAMS_CHANNELS.northwind,
    user: teamsUser('ana'),
    userDisplayName: 'Ana Ruiz',
    privateTarget: encodeReplyTarget({ serviceUrl: fake.serviceUrl, tenantId: TENANT }),
    privateDelivery: { kind: 'direct', conversation: fake.personalChatOf(AAD.ana) },
    deliveries: () => teamsDeliveries(fake),
    failNextCall: () => fake.failNext('create', { status: 403 }),
    close: async () => {
      await fake.close();
      await closeTestStore(store);
    },
  };
});
