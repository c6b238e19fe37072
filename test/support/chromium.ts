/**
 * The headless Chromium that renders the HTML report in tests: the system's own browser
 * (Debian's `chromium` package, which .ci/run installs when it is missing), driven by
 * playwright-core, which never downloads a browser of its own. A machine without one fails
 * the test with what to install: a rendering test that skips would prove nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Why: CHROMIUM_PATH when set, else the first Chromium on PATH; an error saying how to get one otherwise. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH is ${configured}, which does not exist: point it at a Chromium binary, or unset it to use chromium on PATH.`);
    return configured;
  }
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8', env }).trim();
      if (found) return found;
    } catch {
      // `which` exits non-zero when the name is not on PATH: try the next one.
    }
  }
  throw new Error('Chromium is not installed: the HTML report is checked in a real headless browser. Install it with `apt-get install -y chromium` (as .ci/run does), or set CHROMIUM_PATH to a Chromium binary.');
}

/** Why: a headless browser on the system's Chromium, with no sandbox (tests run as root in CI containers). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}
