/**
 * The shared ChatPlatform contract, run against the real SlackPlatform and Slack's
 * real Web API client, talking HTTP to the local Slack API fake.
 */
import { SlackPlatform } from '../../adapters/slack/platform';
import { encodeReplyTarget } from '../../adapters/slack/thread-ref';
import { createSlackClients } from '../../adapters/slack/web-client';
import { silentLogger } from '../support/silent-logger';
import { SlackApiFake } from '../adapters/slack/support/slack-api-fake';
import { slackDeliveries } from '../adapters/slack/support/slack-message-view';
import { describeChatPlatformContract, type ContractSubject } from './chat-platform-contract';

describeChatPlatformContract('Slack', async (): Promise<ContractSubject> => {
  const fake = await SlackApiFake.start();
  fake.addUser('U0ANA', 'Ana Ruiz', 'ana');
  const clients = createSlackClients({ botToken: 'xoxb-contract', apiUrl: fake.apiUrl, logger: silentLogger, retryConfig: { retries: 0 } });
  const platform = new SlackPlatform(clients, silentLogger);
  return {
    platform,
    channel: { platform: 'slack', workspaceId: 'T0TEST', channelId: 'C0NORTH' },
    user: { platform: 'slack', workspaceId: 'T0TEST', userId: 'U0ANA' },
    userDisplayName: 'ana',
    privateTarget: encodeReplyTarget({ channelId: 'C0NORTH' }),
    privateDelivery: { kind: 'private', conversation: 'C0NORTH' },
    deliveries: () => slackDeliveries(fake),
    failNextCall: () => {
      fake.failNext('chat.postMessage', { error: 'channel_not_found' });
      fake.failNext('chat.update', { error: 'channel_not_found' });
    },
    close: () => fake.close(),
  };
});
