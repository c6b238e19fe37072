/**
 * The bot's own Bot Connector tokens come from the login host MICROSOFT_LOGIN_URL names,
 * through the one token client `npm run doctor` checks (connector-token.ts): a genuine
 * activity answered through the connector carries the token the login fake issued for
 * the app id and secret, asked for the tenant botframework.com and the connector's scope.
 * The fake serves HTTPS with a certificate made for this run, which this process trusts.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { freePort } from '../../../src/store/embedded/launcher';
import { LoginFake } from './support/login-fake';
import { channelClaims, OpenIdFake } from './support/openid-fake';
import { openTeamsWorld, TEST_APP, type TeamsWorld } from './support/teams-world';

describe('Teams: the bot’s connector tokens', () => {
  let keys: OpenIdFake;
  let login: LoginFake;
  let w: TeamsWorld;
  const trusted = https.globalAgent.options.ca;

  beforeAll(async () => {
    keys = await OpenIdFake.start();
    login = await LoginFake.start({ clientId: TEST_APP.appId, secret: TEST_APP.appPassword });
    https.globalAgent.options.ca = [readFileSync(login.caFile)];
    w = await openTeamsWorld({ authenticated: true, openIdMetadata: keys.metadataUrls(await freePort()), loginUrl: login.loginUrl });
  });
  afterAll(async () => {
    await w.close();
    https.globalAgent.options.ca = trusted;
    await login.close();
    await keys.close();
  });

  it('are asked from MICROSOFT_LOGIN_URL with the app id and secret, and carried on the reply through the connector', async () => {
    const help = w.send.message({ from: 'mara', text: 'help', personal: true });
    const claims = channelClaims(TEST_APP.appId, help.serviceUrl, Math.floor(Date.now() / 1000));
    expect((await w.send.post(help, { authorization: `Bearer ${keys.token(claims)}` })).status).toBe(200);
    const reply = await w.fake.waitFor(() => w.fake.of('send')[0], 'the help answer');
    expect(reply.authorization).toBe('Bearer fake-connector-token');
    expect(login.tokenRequests).toEqual([
      { tenant: 'botframework.com', clientId: TEST_APP.appId, scope: 'https://api.botframework.com/.default', grantType: 'client_credentials', granted: true },
    ]);
  });
});
