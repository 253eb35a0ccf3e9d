/// <reference lib="dom" />
/**
 * A real headless Chromium (Debian's `chromium` package) driven by playwright-core, for the tests
 * of the pictures and the calculator page. Without the browser the tests fail in CI (CI=true) and
 * are reported as skipped elsewhere, naming what to install.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.FLINK_MEM_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

if (!HAVE_CHROMIUM && process.env.CI === 'true') {
  throw new Error(
    `Chromium is not installed at ${CHROMIUM}; CI must install it (apt-get install -y chromium)`,
  );
}

/** Why a browser test is skipped outside CI. */
export const NO_CHROMIUM = `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set FLINK_MEM_CHROMIUM)`;

export interface Session {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile in a temporary folder (playwright passes it as --user-data-dir). */
export async function openBrowser(colorScheme: 'light' | 'dark' = 'light'): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'flink-mem-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args,
    colorScheme,
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** An SVG inside a minimal HTML page: Chromium does not screenshot a bare SVG document reliably. */
export function svgPage(svg: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">${svg}</body></html>`;
}
