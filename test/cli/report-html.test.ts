/**
 * The HTML report as a person sees it: written by `npm run report` from the real database,
 * opened in a real headless Chromium (the system's, see test/support/chromium.ts) with every
 * request outside the file refused and counted, and checked on screenshots decoded by pngjs:
 * the page is not blank, and each chart's bars (the letters', the flags' and the calls') are
 * drawn in their colours, to scale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { CALL_COLOURS, FLAG_COLOURS, REPLY_COLOURS, SHARE_COLOURS } from '../../src/cli/report-charts';
import { runReportCli } from '../../src/cli/report';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import type { Store } from '../../src/store';
import { launchChromium } from '../support/chromium';
import { closeTestStore, openTestStore } from '../support/db';
import { NOW, seedReportStore } from '../support/report-fixtures';

const VIEWPORT = { width: 1200, height: 900 };

/** How many pixels of a decoded screenshot (or of its lines from `top` to `bottom` excluded) are within a few levels of a colour, and how wide their run is. */
function pixelsOf(png: PNG, hex: string, top = 0, bottom = png.height): { count: number; width: number } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  let left = Infinity;
  let right = -Infinity;
  for (let y = top; y < bottom; y += 1) {
    for (let x = 0; x < png.width; x += 1) {
      const i = (y * png.width + x) * 4;
      if (Math.abs(png.data[i]! - r!) <= 6 && Math.abs(png.data[i + 1]! - g!) <= 6 && Math.abs(png.data[i + 2]! - b!) <= 6) {
        count += 1;
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  return { count, width: count === 0 ? 0 : right - left + 1 };
}

/** Pixels that are not (nearly) white, and how many different colours the picture holds. */
function inkOf(png: PNG): { inked: number; colours: number } {
  const colours = new Set<number>();
  let inked = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
    colours.add((r << 16) | (g << 8) | b);
    if (r < 245 || g < 245 || b < 245) inked += 1;
  }
  return { inked, colours: colours.size };
}

describe('the HTML report in a real browser', () => {
  let store!: Store;
  let browser!: Browser;
  let page!: Page;
  let dir!: string;
  const outside: string[] = [];

  beforeAll(async () => {
    store = await openTestStore();
    await seedReportStore(store);
    dir = mkdtempSync(path.join(tmpdir(), 'preletter-report-html-'));
    const file = path.join(dir, 'report.html');
    const deps = { openStore: async () => ({ directory: store.directory, letters: store.letters, flags: store.flags, calls: store.calls, policy: DEFAULT_POLICY, close: async () => undefined }), now: () => NOW };
    const err: string[] = [];
    const code = await runReportCli(['--format', 'html', '--from', '2026-01-01', '--to', '2026-03-31', '--out', file], { out: () => undefined, err: (l) => err.push(l) }, deps);
    if (code !== 0) throw new Error(`npm run report failed: ${err.join(' ')}`);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const url = pathToFileURL(file).href;
    await page.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    await page.goto(url, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (store) await closeTestStore(store);
  });

  it('loads nothing but the page itself, and runs no script', async () => {
    expect(outside).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.title()).toBe('Letters, flags and calls for input, Thu 1 Jan 2026 to Tue 31 Mar 2026');
  });

  it('renders a screenshot of the expected size that is not blank', async () => {
    const png = PNG.sync.read(await page.screenshot({ type: 'png' }));
    expect([png.width, png.height]).toEqual([VIEWPORT.width, VIEWPORT.height]);
    const { inked, colours } = inkOf(png);
    expect(inked).toBeGreaterThan(png.width * png.height * 0.03);
    expect(colours).toBeGreaterThan(50);
  });

  it('draws the share replied in time to scale: a full green bar for 1 of 1, a red sliver for 0 of 1, no bar where no reply is due', async () => {
    const chart = page.locator('svg.chart').nth(0);
    expect(await chart.getAttribute('aria-label')).toBe('Share of replies within the 60-day period, by company');
    const png = PNG.sync.read(await chart.screenshot({ type: 'png' }));
    expect([png.width, png.height]).toEqual([760, 10 + 3 * 30 + 26]);
    const green = pixelsOf(png, SHARE_COLOURS.good);
    expect(green.width).toBeGreaterThanOrEqual(378);
    expect(green.width).toBeLessThanOrEqual(381);
    expect(green.count).toBeGreaterThan(378 * 14);
    const red = pixelsOf(png, SHARE_COLOURS.poor);
    expect(red.count).toBeGreaterThan(10);
    expect(red.width).toBeLessThanOrEqual(3);
    expect(pixelsOf(png, SHARE_COLOURS.fair).count).toBe(0);
  });

  it('draws the median days to reply to scale against the 60-day line: 30 days is 30/80 of the track', async () => {
    const png = PNG.sync.read(await page.locator('svg.chart').nth(1).screenshot({ type: 'png' }));
    const blue = pixelsOf(png, REPLY_COLOURS.within);
    const expected = Math.round((30 / 80) * 380);
    expect(Math.abs(blue.width - expected)).toBeLessThanOrEqual(2);
    expect(blue.count).toBeGreaterThan(expected * 14);
    expect(pixelsOf(png, REPLY_COLOURS.beyond).count).toBe(0);
  });

  it('draws the flags chart: a stacked bar for all flags and one per mandate, in time, late and unacknowledged to scale, with its legend', async () => {
    const chart = page.locator('svg.chart[aria-label="Flags raised in the period, by mandate: acknowledged in time, late, or not yet"]');
    expect(await chart.count()).toBe(1);
    const box = (await chart.boundingBox())!;
    expect([box.width, box.height]).toEqual([760, 10 + 2 * 30 + 26 + 48]);
    const png = PNG.sync.read(await chart.screenshot({ type: 'png' }));
    expect(inkOf(png).inked).toBeGreaterThan(png.width * png.height * 0.05);
    // Four flags make the scale; each flag is a quarter of the 380-pixel track.
    const quarter = Math.round(380 / 4);
    const row = (i: number): [number, number] => [10 + i * 30, 10 + (i + 1) * 30];
    // All flags of the quarter: one acknowledged in time, one late, one (the admins') never acknowledged.
    for (const colour of [FLAG_COLOURS.inTime, FLAG_COLOURS.late, FLAG_COLOURS.missed]) {
      const part = pixelsOf(png, colour, ...row(0));
      expect(Math.abs(part.width - quarter)).toBeLessThanOrEqual(2);
      expect(part.count).toBeGreaterThan(quarter * 14);
    }
    expect(pixelsOf(png, FLAG_COLOURS.open, ...row(0)).count).toBe(0);
    // The mandate's row: the same two acknowledged flags; the admins' flag is in no mandate's row.
    expect(Math.abs(pixelsOf(png, FLAG_COLOURS.inTime, ...row(1)).width - quarter)).toBeLessThanOrEqual(2);
    expect(Math.abs(pixelsOf(png, FLAG_COLOURS.late, ...row(1)).width - quarter)).toBeLessThanOrEqual(2);
    expect(pixelsOf(png, FLAG_COLOURS.missed, ...row(1)).count).toBe(0);
    // The legend below the bars shows all four colours, the grey one included.
    expect(pixelsOf(png, FLAG_COLOURS.open, 10 + 2 * 30 + 26, png.height).count).toBeGreaterThan(100);
  });

  it('draws the calls chart: a stacked bar for all calls and one per mandate, companies answering in time, late, never and not yet due to scale, with its legend', async () => {
    const chart = page.locator('svg.chart[aria-label="Companies asked by calls for input published in the period, by mandate: answered in time, late, not at all, or not yet due"]');
    expect(await chart.count()).toBe(1);
    const box = (await chart.boundingBox())!;
    expect([box.width, box.height]).toEqual([760, 10 + 2 * 30 + 26 + 48]);
    const png = PNG.sync.read(await chart.screenshot({ type: 'png' }));
    expect(inkOf(png).inked).toBeGreaterThan(png.width * png.height * 0.05);
    // Five companies asked make a scale of eight; each is an eighth of the 380-pixel track.
    const eighth = 380 / 8;
    const row = (i: number): [number, number] => [10 + i * 30, 10 + (i + 1) * 30];
    // All calls of the quarter, and the one mandate's row alike: two answered in time, one late, one never, one not yet due.
    for (const i of [0, 1]) {
      for (const [colour, companies] of [
        [CALL_COLOURS.inTime, 2],
        [CALL_COLOURS.late, 1],
        [CALL_COLOURS.missed, 1],
        [CALL_COLOURS.open, 1],
      ] as const) {
        const part = pixelsOf(png, colour, ...row(i));
        expect({ row: i, colour, width: Math.abs(part.width - companies * eighth) <= 2 }).toEqual({ row: i, colour, width: true });
        expect(part.count).toBeGreaterThan(Math.floor(companies * eighth) * 14);
      }
    }
    // The legend below the bars shows all four colours.
    for (const colour of Object.values(CALL_COLOURS)) expect(pixelsOf(png, colour, 10 + 2 * 30 + 26, png.height).count).toBeGreaterThan(100);
  });
});
