/**
 * The shared turn contract, run through Teams' real entry point: Bot Framework activities
 * posted to /api/messages, where botbuilder's CloudAdapter hands them to PreLetter, the Bot
 * Connector fake as every activity's serviceUrl, and the real store.
 */
import { openTeamsTurnSubject } from './support/teams-turn-subject';
import { describeTurnContract } from './turn-contract';

describeTurnContract('Teams', openTeamsTurnSubject);
