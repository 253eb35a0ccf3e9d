/**
 * The pictures of `explain --format svg|html` as a browser draws them, in a real headless Chromium:
 * every box's drawn height is its bytes times one scale, labels never overlap, both themes have
 * readable text, and the HTML page loads nothing from anywhere. Screenshots go to a temporary
 * folder (printed) for a person to look at.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';
import type { Session } from './browser.js';
import { HAVE_CHROMIUM, NO_CHROMIUM, openBrowser, svgPage } from './browser.js';
import { BAR_HEIGHT } from '../src/cli/explain/svg.js';

const SHOTS = mkdtempSync(join(tmpdir(), 'flink-mem-pictures-'));

/**
 * What Chromium drew: boxes and brackets with their getBBox(), and overlapping labels per panel.
 */
async function measure(page: Page) {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll<SVGRectElement>('rect[data-part]')].map((r) => {
      const b = r.getBBox();
      return {
        process: r.dataset.process!,
        version: r.dataset.version!,
        part: r.dataset.part!,
        bytes: r.dataset.bytes ?? '',
        y: b.y,
        h: b.height,
        unknown: r.hasAttribute('data-unknown'),
      };
    });
    const brackets = [...document.querySelectorAll<SVGPathElement>('path[data-bracket]')].map(
      (p) => ({
        process: p.dataset.process!,
        version: p.dataset.version!,
        name: p.dataset.bracket!,
        bytes: p.dataset.bytes!,
        h: p.getBBox().height,
      }),
    );
    const overlaps: string[] = [];
    const tooSmall: string[] = [];
    for (const g of document.querySelectorAll('svg > g')) {
      const texts = [...g.querySelectorAll('text')].map((t) => ({
        t: t.textContent ?? '',
        b: t.getBBox(),
      }));
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          const a = texts[i]!.b;
          const c = texts[j]!.b;
          if (
            a.x < c.x + c.width - 0.5 &&
            c.x < a.x + a.width - 0.5 &&
            a.y < c.y + c.height - 0.5 &&
            c.y < a.y + a.height - 0.5
          )
            overlaps.push(`${texts[i]!.t} / ${texts[j]!.t}`);
        }
      }
      for (const t of g.querySelectorAll('text'))
        if (parseFloat(getComputedStyle(t).fontSize) < 11) tooSmall.push(t.textContent ?? '');
    }
    return { boxes, brackets, overlaps, tooSmall };
  });
}

async function svgOf(args: string[], stdin?: string): Promise<string> {
  const r = await cli(
    ['explain', ...args, '--format', 'svg'],
    stdin === undefined ? {} : { stdin },
  );
  expect(r.stderr).toBe('');
  return r.stdout;
}

const CASES: readonly { name: string; args: string[]; stdin?: string }[] = [
  {
    name: 'standalone-two-versions',
    args: ['examples/standalone/flink-conf.yaml', '--flink-version', '1.20,2.0'],
  },
  { name: 'kubernetes', args: ['examples/kubernetes/flink-deployment.yaml'] },
  // Tiny components next to a large heap: a 1 KiB task off-heap and a 1 MiB framework off-heap in
  // 64 GiB.
  {
    name: 'tiny-components',
    args: ['-', '--input-format', 'config-yaml'],
    stdin:
      'taskmanager.memory.process.size: 64g\ntaskmanager.memory.task.off-heap.size: 1k\ntaskmanager.memory.framework.off-heap.size: 1m\njobmanager.memory.process.size: 600m\n',
  },
  {
    name: 'does-not-start',
    args: ['examples/broken/flink-conf.yaml', 'examples/standard/config.yaml'],
  },
];

describe.skipIf(!HAVE_CHROMIUM)(
  `pictures in Chromium${HAVE_CHROMIUM ? '' : ` (skipped: ${NO_CHROMIUM})`}`,
  () => {
    let light: Session;
    let dark: Session;
    beforeAll(async () => {
      light = await openBrowser('light');
      dark = await openBrowser('dark');
    }, 60_000);
    afterAll(async () => {
      await light?.close();
      await dark?.close();
      console.log(`screenshots of the pictures: ${SHOTS}`);
    });

    for (const c of CASES) {
      it(`${c.name}: every box is its bytes at one scale, labels apart and readable`, async () => {
        const svg = await svgOf(c.args, c.stdin);
        const page = await light.context.newPage();
        await page.setContent(svgPage(svg));
        const m = await measure(page);
        const drawn = m.boxes.filter((b) => !b.unknown);
        expect(drawn.length).toBeGreaterThan(0);
        // The scale: the tallest bar is BAR_HEIGHT pixels.
        const bars = new Map<string, { bytes: bigint; h: number }>();
        for (const b of drawn) {
          const k = `${b.process}@${b.version}`;
          const bar = bars.get(k) ?? { bytes: 0n, h: 0 };
          bars.set(k, { bytes: bar.bytes + BigInt(b.bytes), h: bar.h + b.h });
        }
        const tallest = [...bars.values()].reduce((a, b) => (b.bytes > a.bytes ? b : a));
        expect(tallest.h).toBeCloseTo(BAR_HEIGHT, 1);
        const scale = BAR_HEIGHT / Number(tallest.bytes);
        for (const b of drawn)
          expect(Math.abs(b.h - Number(b.bytes) * scale), `${b.process} ${b.part}`).toBeLessThan(
            0.02,
          );
        for (const b of m.brackets)
          expect(Math.abs(b.h - Number(b.bytes) * scale), `${b.process} ${b.name}`).toBeLessThan(
            0.03,
          );
        expect(m.overlaps).toEqual([]);
        expect(m.tooSmall).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `${c.name}-light.png`), fullPage: true });
        const darkPage = await dark.context.newPage();
        await darkPage.setContent(svgPage(svg));
        await darkPage.screenshot({ path: join(SHOTS, `${c.name}-dark.png`), fullPage: true });
        await page.close();
        await darkPage.close();
      });
    }

    it('a process that does not start has its blamed component marked', async () => {
      const page = await light.context.newPage();
      await page.setContent(svgPage(await svgOf(['examples/broken/flink-conf.yaml'])));
      const m = await measure(page);
      expect(m.boxes.filter((b) => b.unknown).map((b) => `${b.process} ${b.part}`)).toEqual([
        'taskmanager network',
        'jobmanager jvmHeap',
      ]);
      const texts = await page.locator('text.bad').allTextContents();
      expect(texts.join(' ')).toContain('✗ Network');
      await page.close();
    });

    it('text keeps its contrast in light and dark themes', async () => {
      const svg = await svgOf(['examples/standalone/flink-conf.yaml']);
      const contrast = async (s: Session) => {
        const page = await s.context.newPage();
        await page.setContent(svgPage(svg));
        const ratio = await page.evaluate(() => {
          const rgb = (c: string) =>
            c
              .match(/\d+(\.\d+)?/g)!
              .slice(0, 3)
              .map(Number);
          const lum = (c: string) => {
            const [r, g, b] = rgb(c).map((v) => {
              const x = v / 255;
              return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
            });
            return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
          };
          const bg = getComputedStyle(document.querySelector('rect.bg')!).fill;
          const fg = getComputedStyle(document.querySelector('text')!).fill;
          const [a, b] = [lum(bg), lum(fg)].sort((x, y) => y - x);
          return { ratio: (a! + 0.05) / (b! + 0.05), bg };
        });
        await page.close();
        return ratio;
      };
      const l = await contrast(light);
      const d = await contrast(dark);
      expect(l.bg).not.toBe(d.bg);
      expect(l.ratio).toBeGreaterThan(7);
      expect(d.ratio).toBeGreaterThan(7);
    });

    it('the HTML page is one file: picture, tables, trace, lint findings, and no request', async () => {
      const r = await cli([
        'explain',
        'examples/broken/flink-conf.yaml',
        'examples/standard/config.yaml',
        '--format',
        'html',
      ]);
      expect(r.code).toBe(1);
      const dir = mkdtempSync(join(tmpdir(), 'flink-mem-html-'));
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'memory.html');
      writeFileSync(file, r.stdout);
      const page = await light.context.newPage();
      const requests: string[] = [];
      page.on('request', (q) => requests.push(q.url()));
      await page.goto(pathToFileURL(file).href);
      expect(requests).toEqual([pathToFileURL(file).href]);
      // The picture is drawn to scale in the page too.
      const perPicture = await page.evaluate(() =>
        [...document.querySelectorAll('svg')].map((svg) =>
          [...svg.querySelectorAll<SVGRectElement>('rect[data-bytes]')]
            .filter((r) => r.dataset.bytes !== '0')
            .map((r) => ({ h: r.getBBox().height, bytes: Number(r.dataset.bytes) })),
        ),
      );
      expect(perPicture).toHaveLength(2);
      // 8 TaskManager parts but an empty task off-heap, 4 JobManager parts.
      expect(perPicture[1]!.length).toBe(11);
      for (const boxes of perPicture) {
        const largest = boxes.reduce((x, y) => (y.bytes > x.bytes ? y : x));
        for (const b of boxes)
          expect(Math.abs(b.h - b.bytes * (largest.h / largest.bytes))).toBeLessThan(0.02);
      }
      // The table's bytes are the model's.
      const json = JSON.parse(
        (await cli(['explain', 'examples/standard/config.yaml', '--format', 'json'])).stdout,
      );
      const cells = await page
        .locator('section:nth-of-type(2) [data-process="taskmanager"] tr[data-part]')
        .evaluateAll((rows) =>
          rows.map((row) => [
            row.getAttribute('data-part'),
            row.querySelector('[data-bytes]')!.textContent,
          ]),
        );
      expect(Object.fromEntries(cells)).toEqual(
        Object.fromEntries(
          Object.entries(json.results[0].taskmanager.sizes)
            .filter(([k]) => !k.startsWith('total'))
            .map(([k, v]) => [k, String(v)]),
        ),
      );
      // The trace is collapsed until asked for.
      const details = page.locator('section:nth-of-type(2) details').first();
      expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      await details.locator('summary').click();
      expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      expect(await details.textContent()).toContain('taskmanager.memory.jvm-overhead.fraction');
      // The lint findings are those of `flink-mem lint` for the same file.
      const lint = JSON.parse(
        (await cli(['lint', 'examples/broken/flink-conf.yaml', '--format', 'json'])).stdout,
      );
      const rules = await page
        .locator('section:nth-of-type(1) li[data-rule]')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-rule')));
      const expected = lint.results[0].findings.map((f: { ruleId: string }) => f.ruleId);
      expect(expected.length).toBeGreaterThan(0);
      expect(rules).toEqual(expected);
      await page.screenshot({ path: join(SHOTS, 'explain-html.png'), fullPage: true });
      await page.close();
    });
  },
);
