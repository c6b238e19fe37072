/**
 * The bot was added to a team: it says, in the team's General channel, exactly what a
 * PreLetter admin puts in the routing directory to bind a channel to a company, and
 * logs the ids. Nothing about any letter is shown. Runs after Teams got its answer.
 */
import { ENGLISH } from '../../src/bot/messages/catalogue';
import type { NeutralCard } from '../../src/bot/ports';
import { readInstall, type InstallRequest } from './inbound';
import { firstTime, runTurn, type TurnServices } from './turn';

/** Why: the binding an admin copies into the directory, spelled as the directory file spells it. */
export function bindingLine(request: Pick<InstallRequest, 'channel'>): string {
  return `{ platform: teams, workspaceId: ${request.channel.workspaceId}, channelId: ${request.channel.channelId} }`;
}

/** Why: the welcome card: ids and instructions only, for an admin to act on. */
export function bindingCard(request: InstallRequest): NeutralCard {
  // Posted in the team's General channel, before any company is known: English, for the admin.
  const v = ENGLISH;
  return {
    title: v.t('install.title'),
    body: [[{ text: v.t('install.bind') }], [{ text: bindingLine(request) }], [{ text: v.t('install.other-channel') }]],
    fields: [
      { label: v.t('install.tenant'), value: request.channel.workspaceId },
      { label: v.t('install.channel'), value: request.channel.channelId },
    ],
    buttons: [],
    tone: 'info',
  };
}

/** Why: conversationUpdate turn; only the bot's own arrival in a team is acted on. */
export async function handleInstall(services: TurnServices, body: unknown): Promise<void> {
  await runTurn(services, 'install', async (turn) => {
    const request = readInstall(body);
    if (!request) return;
    if (!(await firstTime(services, request.dedupeId, turn.log))) return;
    turn.log.info({ tenantId: request.tenantId, teamId: request.teamId, channelId: request.channel.channelId }, 'teams installed in a team');
    await services.platform.postNotice(request.serviceUrl, request.channel.channelId, bindingCard(request));
  });
}
