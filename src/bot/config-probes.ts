/**
 * What `npm run doctor` asks each platform, as ports: the adapters answer with their own
 * client code (the same Web API client and token client the bot uses), src/main.ts wires
 * them, and src/cli/doctor.ts words the answers. No platform SDK is named here.
 */
import type { Config } from '../config';
import type { ChannelBinding, PlatformIdentity } from '../domain/types';
import type { Logger } from '../logger';

/** Who a Slack token belongs to, as auth.test says. */
export interface SlackIdentity {
  teamId: string;
  team: string;
  botUserId: string;
  botName: string;
}

/** Why: a failed Slack call as the doctor words it: Slack's error code (invalid_auth, not_in_channel…) or how the call failed. */
export class SlackProbeFailure extends Error {
  constructor(
    readonly method: string,
    readonly slackError: string,
  ) {
    super(`${method}: ${slackError}`);
    this.name = 'SlackProbeFailure';
  }
}

/** Why: the three questions the doctor asks Slack, each answered or a SlackProbeFailure. */
export interface SlackProbe {
  authTest(): Promise<SlackIdentity>;
  /** Resolves when the bot can read the channel's history (it is a member, the channel exists). */
  readChannel(channelId: string): Promise<void>;
  /** The account's state; a missing one fails with user_not_found. */
  findUser(userId: string): Promise<{ deleted: boolean; name: string }>;
}

/** Why: a token request that failed, with the login host's error code (invalid_client…) when it gave one. */
export class TeamsTokenFailure extends Error {
  constructor(
    readonly authority: string,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'TeamsTokenFailure';
  }
}

/** Why: everything the doctor needs from the adapters, handed in by src/main.ts, the one place that wires them. */
export interface ConfigProbes {
  slack(options: { botToken: string; apiUrl?: string; logger: Logger }): SlackProbe;
  /** Resolves with the authority that gave a Bot Connector token, or fails with a TeamsTokenFailure. */
  teamsToken(config: NonNullable<Config['teams']>): Promise<{ authority: string }>;
  /** Why a Teams channel binding cannot be right, if it cannot. */
  teamsChannelProblem(channel: ChannelBinding): string | undefined;
  /** Why a Teams account id cannot be right, if it cannot. */
  teamsAccountProblem(identity: PlatformIdentity): string | undefined;
}
