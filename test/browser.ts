/**
 * A real headless Chromium (Debian's `chromium` package) driven by playwright-core, for the tests
 * of the pictures and the calculator page. Without the browser the tests fail in CI (CI=true) and
 * are reported as skipped elsewhere, naming what to install.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.FLINK_MEM_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

if (!HAVE_CHROMIUM && process.env.CI === 'true') {
  throw new Error(`Chromium is not installed at ${CHROMIUM}; CI must install it (apt-get install -y chromium)`);
}

export interface Session {
  readonly browser: Browser;
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function openBrowser(colorScheme: 'light' | 'dark' = 'light'): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'flink-mem-chromium-'));
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  const context = await browser.newContext({ colorScheme, viewport: { width: 1400, height: 900 } });
  return {
    browser,
    context,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
