/**
 * The bot was added to a team: it says, in the team's General channel, exactly what a
 * PreLetter admin puts in the routing directory to bind a channel to a company, and
 * logs the ids. Nothing about any letter is shown. The app was installed for one
 * person: they are welcomed once, in their 1:1 chat, in their language. Both run after
 * Teams got its answer.
 */
import { ENGLISH, voiceFor, type Voice } from '../../src/bot/messages/catalogue';
import { asSegments } from '../../src/bot/messages/text';
import type { NeutralCard } from '../../src/bot/ports';
import { noticeCard } from '../../src/bot/views/notice-card';
import { personVoice } from '../../src/bot/voices';
import type { PlatformIdentity } from '../../src/domain/types';
import { errorDetails } from '../../src/logger';
import { readInstall, readPersonalInstall, type InstallRequest, type PersonalInstallRequest } from './inbound';
import { firstTime, runTurn, tellPrivately, type Turn, type TurnServices } from './turn';

/** Why: the binding an admin copies into the directory, spelled as the directory file spells it. */
export function bindingLine(request: Pick<InstallRequest, 'channel'>): string {
  return `{ platform: teams, workspaceId: ${request.channel.workspaceId}, channelId: ${request.channel.channelId} }`;
}

/** Why: the team's install card: ids and instructions only, for an admin to act on. */
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

/**
 * Why: what a person who just installed PreLetter needs: what it is and what to type next;
 * someone the directory does not know (`stranger`) also gets the ids to give an admin.
 */
export function welcomeCard(v: Voice, stranger?: PlatformIdentity): NeutralCard {
  const body = [asSegments(v.t('welcome.what')), asSegments(v.t('welcome.next'))];
  if (stranger) body.push(asSegments(v.t('welcome.account', { workspaceId: stranger.workspaceId, userId: stranger.userId })));
  return noticeCard(v.t('welcome.title'), body);
}

/** Why: one welcome per install, in the directory's language for a known person, else their Teams client's. */
async function welcome(services: TurnServices, request: PersonalInstallRequest, turn: Turn): Promise<void> {
  turn.reply = request.reply;
  if (!(await firstTime(services, request.dedupeId, turn.log))) return;
  const person = await services.deps.directory.findPersonByIdentity(request.actor).catch((err: unknown) => {
    // Welcomed as a stranger: the ids are their own, and the sentence says they are needed only if PreLetter does not know them.
    turn.log.warn({ userId: request.actor.userId, ...errorDetails(err) }, 'directory not read for the welcome');
    return null;
  });
  const v = person ? personVoice(services.deps, person) : voiceFor({ locale: request.reply.locale, zone: services.deps.policy.defaultTimeZone });
  turn.log.info({ tenantId: request.tenantId, userId: request.actor.userId, known: person !== null }, 'teams installed for a person');
  await tellPrivately(services, request.reply, welcomeCard(v, person ? undefined : request.actor), turn.log);
}

/** Why: conversationUpdate and installationUpdate turns; only the bot's own arrival in a team or a person's install is acted on. */
export async function handleInstall(services: TurnServices, body: unknown): Promise<void> {
  await runTurn(services, 'install', async (turn) => {
    const request = readInstall(body);
    if (!request) {
      const personal = readPersonalInstall(body);
      return personal ? welcome(services, personal, turn) : undefined;
    }
    if (!(await firstTime(services, request.dedupeId, turn.log))) return;
    turn.log.info({ tenantId: request.tenantId, teamId: request.teamId, channelId: request.channel.channelId }, 'teams installed in a team');
    await services.platform.postNotice(request.serviceUrl, request.channel.channelId, bindingCard(request));
  });
}
