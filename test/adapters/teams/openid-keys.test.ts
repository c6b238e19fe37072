/**
 * The Bot Framework signing keys are fetched once and kept for a day; a token naming an
 * unknown key id triggers at most one refresh an hour, and a failed fetch is not retried
 * for ten seconds, so forged tokens cannot make PreLetter hammer the key endpoint. Keys
 * already known keep working while the endpoint is down; with none known the check is
 * impossible and says so ('unavailable').
 */
import { OpenIdKeys, OPENID_KEY_DEFAULTS } from '../../../adapters/teams/openid-keys';
import { freePort } from '../../../src/store/embedded/launcher';
import { CHANNEL_KID, OpenIdFake } from './support/openid-fake';

const HOUR = 60 * 60 * 1000;
const METADATA = '/channel/.well-known/openidconfiguration';

describe('Bot Framework signing keys', () => {
  let fake: OpenIdFake;
  let clock: number;
  const now = () => clock;
  beforeEach(async () => {
    fake = await OpenIdFake.start();
    clock = 1_000_000_000_000;
  });
  afterEach(async () => fake.close());

  const keysAt = (url: string) => new OpenIdKeys(url, OPENID_KEY_DEFAULTS, now);
  const metadataFetches = () => fake.requests.filter((p) => p === METADATA).length;

  it('fetches the published keys once, keeps them for a day, then fetches again', async () => {
    const keys = keysAt(fake.metadataUrls(0).channel);
    const found = await keys.find(CHANNEL_KID);
    expect(found?.key.asymmetricKeyType).toBe('rsa');
    expect(found?.endorsements).toEqual(['msteams']);
    clock += 23 * HOUR;
    await keys.find(CHANNEL_KID);
    expect(metadataFetches()).toBe(1);
    clock += 2 * HOUR;
    await keys.find(CHANNEL_KID);
    expect(metadataFetches()).toBe(2);
  });

  it('refreshes for an unknown key id at most once an hour, however many tokens name one', async () => {
    const keys = keysAt(fake.metadataUrls(0).channel);
    await keys.find(CHANNEL_KID);
    for (let i = 0; i < 50; i += 1) expect(await keys.find(`forged-${i}`)).toBeUndefined();
    expect(metadataFetches()).toBe(1);
    clock += HOUR;
    expect(await keys.find('forged-late')).toBeUndefined();
    expect(metadataFetches()).toBe(2);
  });

  it('says the keys are unavailable when none could ever be fetched, and waits ten seconds before trying again', async () => {
    const dead = `http://127.0.0.1:${await freePort()}/channel/.well-known/openidconfiguration`;
    const keys = keysAt(dead);
    await expect(keys.find(CHANNEL_KID)).rejects.toMatchObject({ code: 'unavailable', context: { problem: 'TypeError' } });
    await expect(keys.find(CHANNEL_KID)).rejects.toMatchObject({ code: 'unavailable', context: { problem: 'recent failure' } });
    clock += 10_000;
    await expect(keys.find(CHANNEL_KID)).rejects.toMatchObject({ code: 'unavailable', context: { problem: 'TypeError' } });
  });

  it('keeps using the keys it has while the endpoint is down', async () => {
    const keys = keysAt(fake.metadataUrls(0).channel);
    await keys.find(CHANNEL_KID);
    await fake.close();
    clock += 25 * HOUR;
    expect(await keys.find(CHANNEL_KID)).toBeDefined();
    fake = await OpenIdFake.start(); // for afterEach
  });
});
