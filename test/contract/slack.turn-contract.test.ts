/**
 * The shared turn contract, run through Slack's real entry point: signed requests into
 * Bolt's HTTP receiver on PreLetter's host, the Slack Web API fake as SLACK_API_URL, and
 * the real store.
 */
import { openSlackTurnSubject } from './support/slack-turn-subject';
import { describeTurnContract } from './turn-contract';

describeTurnContract('Slack', openSlackTurnSubject);
