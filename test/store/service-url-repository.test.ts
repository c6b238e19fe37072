/** Teams tenants' service URLs on the real database: the newest one heard wins, whoever heard it and in whatever order. */
import type { Store } from '../../src/store';
import { useTestStore } from '../support/db';

const t = (minutes: number) => new Date(Date.UTC(2026, 2, 3, 8, minutes));

describe('service URLs in the database', () => {
  let store!: Store;
  useTestStore((opened) => (store = opened));

  it('knows nothing of a tenant no instance heard from', async () => {
    expect(await store.serviceUrls.find('tenant-never-heard')).toBeNull();
  });

  it('keeps the URL a tenant was heard from, and a URL heard later replaces it', async () => {
    await store.serviceUrls.remember('tenant-a', 'https://smba.trafficmanager.net/emea/', t(0));
    expect(await store.serviceUrls.find('tenant-a')).toBe('https://smba.trafficmanager.net/emea/');
    await store.serviceUrls.remember('tenant-a', 'https://smba.trafficmanager.net/amer/', t(5));
    expect(await store.serviceUrls.find('tenant-a')).toBe('https://smba.trafficmanager.net/amer/');
  });

  it('lets a URL heard at the same moment replace it, but never one heard earlier and written late', async () => {
    await store.serviceUrls.remember('tenant-b', 'https://one.example/', t(10));
    await store.serviceUrls.remember('tenant-b', 'https://two.example/', t(10));
    expect(await store.serviceUrls.find('tenant-b')).toBe('https://two.example/');
    await store.serviceUrls.remember('tenant-b', 'https://stale.example/', t(9));
    expect(await store.serviceUrls.find('tenant-b')).toBe('https://two.example/');
  });

  it('keeps the newest of several first URLs written at once for a new tenant', async () => {
    await Promise.all([3, 1, 4, 2].map((m) => store.serviceUrls.remember('tenant-c', `https://u${m}.example/`, t(m))));
    expect(await store.serviceUrls.find('tenant-c')).toBe('https://u4.example/');
  });
});
