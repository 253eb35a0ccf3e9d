/**
 * The calculator page built by `npm run site`, opened from file:// in a real headless Chromium and
 * driven through its form: for the golden cases and a few hundred seeded random configurations
 * (flink-conf.yaml, config.yaml, FlinkDeployment; options typed into the text or the form), every
 * number, JVM argument line, reason, fix and Flink message it shows equals what
 * `flink-mem explain --format json` prints for the same input. Also: labels, keyboard, the link.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';
import type { Session } from './browser.js';
import { HAVE_CHROMIUM, NO_CHROMIUM, openBrowser } from './browser.js';
import { GOLDEN, newestInRange, targetForMode } from './golden.js';
import { KNOWN_VERSIONS, versionLabel } from '../src/primitives/version.js';
import { FORM_OPTIONS } from '../src/web/calculator.js';
import type { PageState } from '../src/web/calculator.js';
import { fixText } from '../src/cli/explain/picture.js';

const RANDOM_CASES = 300;
const FORM_KEYS = new Set(FORM_OPTIONS.flatMap(([, keys]) => keys));

/** A small seeded generator (mulberry32), so that a failure names a case that can be run again. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SIZES = [
  '64m',
  '128m',
  '256m',
  '300m',
  '512m',
  '768m',
  '1g',
  '1536m',
  '1728m',
  '2g',
  '2560m',
  '3g',
  '4g',
  '6g',
  '8g',
  '16g',
  '1024mb',
  '100kb',
  '0',
  '1.5g',
  '2 gb',
  'lots',
];
const FRACTIONS = ['0.05', '0.1', '0.25', '0.4', '0.5', '0.7', '0.9', '0', '1.5', '-0.1'];
const KEYS: readonly (readonly [string, readonly string[]])[] = [
  ['taskmanager.memory.process.size', SIZES],
  ['taskmanager.memory.flink.size', SIZES],
  ['taskmanager.memory.task.heap.size', SIZES],
  ['taskmanager.memory.managed.size', SIZES],
  ['taskmanager.memory.managed.fraction', FRACTIONS],
  ['taskmanager.memory.network.min', SIZES],
  ['taskmanager.memory.network.max', SIZES],
  ['taskmanager.memory.network.fraction', FRACTIONS],
  ['taskmanager.memory.jvm-metaspace.size', SIZES],
  ['taskmanager.memory.jvm-overhead.fraction', FRACTIONS],
  ['taskmanager.memory.jvm-overhead.min', SIZES],
  ['taskmanager.memory.framework.heap.size', SIZES],
  ['taskmanager.memory.task.off-heap.size', SIZES],
  ['taskmanager.numberOfTaskSlots', ['1', '2', '4', '0']],
  ['taskmanager.heap.size', SIZES],
  ['jobmanager.memory.process.size', SIZES],
  ['jobmanager.memory.flink.size', SIZES],
  ['jobmanager.memory.heap.size', SIZES],
  ['jobmanager.memory.off-heap.size', SIZES],
  ['jobmanager.memory.jvm-metaspace.size', SIZES],
  ['jobmanager.heap.size', SIZES],
];

function randomState(seed: number): PageState {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const config: [string, string][] = [];
  const options: Record<string, string> = {};
  for (const [key, values] of KEYS) {
    if (r() > 0.16) continue;
    if (FORM_KEYS.has(key) && r() < 0.3) options[key] = pick(values);
    else config.push([key, pick(values)]);
  }
  // Most real files set each process's size; without one, Flink refuses to start it.
  const VALID = ['1g', '1728m', '2g', '3g', '4g', '8g'];
  for (const p of ['taskmanager', 'jobmanager']) {
    if (!config.some(([k]) => k.startsWith(`${p}.memory.`) || k === `${p}.heap.size`) && r() < 0.8)
      config.push([`${p}.memory.process.size`, pick(VALID)]);
  }
  const kind = pick(['flink-conf', 'config-yaml', 'k8s'] as const);
  const version = r() < 0.3 ? '' : pick(KNOWN_VERSIONS);
  const target = r() < 0.4 ? '' : pick(['standalone', 'kubernetes', 'yarn', 'local'] as const);
  const env = r() < 0.1 ? `FLINK_TM_HEAP=${pick(SIZES)}` : '';
  let text: string;
  if (kind === 'k8s') {
    const conf = config
      .filter(([k]) => !k.endsWith('.process.size'))
      .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`)
      .join('\n');
    const tm =
      config.find(([k]) => k === 'taskmanager.memory.process.size')?.[1] ??
      pick(['2048m', '4g', '2Gi', '1.5Gi']);
    const jm =
      config.find(([k]) => k === 'jobmanager.memory.process.size')?.[1] ??
      pick(['1600m', '2g', '1Gi']);
    text = `apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: job-${seed}\nspec:\n  flinkVersion: ${pick(['v1_18', 'v1_20', 'v2_0', 'v1_17'])}\n  flinkConfiguration:\n${conf || '    taskmanager.numberOfTaskSlots: "2"'}\n  jobManager:\n    resource:\n      memory: "${jm}"\n      cpu: 1\n  taskManager:\n    resource:\n      memory: "${tm}"\n      cpu: 1\n`;
  } else {
    text =
      config.map(([k, v]) => `${k}: ${kind === 'config-yaml' ? JSON.stringify(v) : v}`).join('\n') +
      '\n';
  }
  return { text, format: r() < 0.5 ? '' : kind, version, target, env, options };
}

function goldenState(c: (typeof GOLDEN)[number]): PageState {
  // Memory-size cases are sizes given to an option Flink parses, as in golden.cli.test.ts.
  const config =
    c.kind === 'memory-size'
      ? {
          'taskmanager.memory.task.heap.size': '1m',
          'taskmanager.memory.managed.size': '1m',
          'taskmanager.memory.task.off-heap.size': c.config.text!,
        }
      : c.config;
  const text =
    Object.entries(config)
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join('\n') + '\n';
  const env = Object.entries(c.env ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return {
    text,
    format: 'config-yaml',
    version: versionLabel(newestInRange(c.flinkVersions)),
    target: targetForMode(c.mode),
    env,
    options: {},
  };
}

/**
 * What a process shows: every number, the JVM arguments, or the reason, Flink's message and the
 * fix.
 */
type Shown = Record<string, string>;

/** `flink-mem explain --format json` for the same input, as the page would show it. */
async function reference(s: PageState): Promise<Shown[] | string> {
  const args = ['explain', '-', '--format', 'json'];
  if (s.format) args.push('--input-format', s.format);
  if (s.version) args.push('--flink-version', s.version);
  if (s.target) args.push('--target', s.target);
  for (const pair of s.env.split(' ').filter(Boolean)) args.push('--env', pair);
  for (const [k, v] of Object.entries(s.options)) args.push('--set', `${k}=${v}`);
  const r = await cli(args, { stdin: s.text });
  if (r.code === 2) return 'unreadable';
  const out: Shown[] = [];
  for (const result of JSON.parse(r.stdout).results) {
    for (const p of ['taskmanager', 'jobmanager']) {
      const x = result[p];
      const shown: Shown = { process: p, version: result.flinkVersion, target: result.target };
      if (x.ok) {
        for (const [k, v] of Object.entries(x.sizes as Record<string, number | string>))
          shown[k] = String(v);
        if (p === 'taskmanager') {
          shown['JVM Heap'] = String(x.jvmHeap);
          shown['Direct Memory'] = String(x.jvmDirect);
          shown['Off-Heap Memory'] = String(BigInt(x.sizes.managed) + BigInt(x.jvmDirect));
        }
        shown.jvmArgs = x.jvmArgs;
      } else {
        shown.reason = x.error.message;
        shown.flinkMessage = x.error.flinkMessage;
        shown.fix = fixText(x.error.fix) ?? '';
      }
      out.push(shown);
    }
  }
  return out;
}

/**
 * Fills the page's form as a paste would (the values, then one input event: one per field would
 * work every case out twenty times) and reads what it shows.
 */
async function showPage(page: Page, states: readonly PageState[]): Promise<(Shown[] | string)[]> {
  return page.evaluate((all) => {
    const set = (id: string, value: string) => {
      (
        document.getElementById(id) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
      ).value = value;
    };
    const field = (key: string) => `o-${key.replace(/[^a-z0-9-]/g, '-')}`;
    const keys = [...document.querySelectorAll<HTMLInputElement>('#options input')].map(
      (i) => i.name,
    );
    return all.map((s) => {
      set('text', s.text);
      set('format', s.format);
      set('version', s.version);
      set('target', s.target);
      set('env', s.env);
      for (const k of keys) set(field(k), s.options[k] ?? '');
      document.getElementById('text')!.dispatchEvent(new Event('input', { bubbles: true }));
      if (!document.querySelector('[data-doc]')) return 'unreadable';
      const out: Record<string, string>[] = [];
      for (const v of document.querySelectorAll<HTMLElement>('[data-doc] div[data-version]')) {
        const target = v.querySelector('h3')!.textContent.split(' · ')[1]!;
        for (const p of v.querySelectorAll<HTMLElement>('div[data-process]')) {
          const shown: Record<string, string> = {
            process: p.dataset.process!,
            version: v.dataset.version!,
            target,
          };
          const jvm = p.querySelector('[data-jvm-args]');
          if (p.querySelector('[data-reason]')) {
            shown.reason = p.querySelector('[data-reason]')!.textContent!;
            shown.flinkMessage = p.querySelector('[data-flink-message]')!.textContent!;
            shown.fix = p.querySelector('[data-fix]')?.textContent ?? '';
          } else {
            for (const row of p.querySelectorAll<HTMLElement>('tr[data-part]'))
              shown[row.dataset.part!] = row.querySelector('[data-bytes]')!.textContent!;
            for (const row of p.querySelectorAll<HTMLElement>('tr[data-bracket]')) {
              const name = row.dataset.bracket!;
              shown[
                name === 'Total Flink Memory'
                  ? 'totalFlink'
                  : name === 'Total Process Memory'
                    ? 'totalProcess'
                    : name
              ] = row.querySelector('[data-bytes]')!.textContent!;
            }
            shown.jvmArgs = jvm?.textContent ?? '';
          }
          out.push(shown);
        }
      }
      return out;
    });
  }, states as PageState[]);
}

describe.skipIf(!HAVE_CHROMIUM)(
  `the calculator page in Chromium${HAVE_CHROMIUM ? '' : ` (skipped: ${NO_CHROMIUM})`}`,
  () => {
    let session: Session;
    let page: Page;
    let url: string;
    const errors: string[] = [];
    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'flink-mem-site-'));
      execFileSync(process.execPath, ['scripts/build-site.mjs', dir], { stdio: 'pipe' });
      url = pathToFileURL(join(dir, 'index.html')).href;
      console.log(`page script: ${statSync(join(dir, 'calculator.js')).size} bytes`);
      session = await openBrowser();
      page = await session.context.newPage();
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(url);
    }, 120_000);
    afterAll(async () => {
      await session?.close();
    });

    it('shows the numbers the CLI prints for every golden case', async () => {
      const states = GOLDEN.map(goldenState);
      const shown = await showPage(page, states);
      let numbers = 0;
      for (const [i, s] of states.entries()) {
        const want = await reference(s);
        expect(shown[i], GOLDEN[i]!.id).toEqual(want);
        if (typeof want !== 'string')
          numbers += want.reduce((n, p) => n + Object.keys(p).length - 3, 0);
      }
      console.log(`golden parity: ${states.length} cases, ${numbers} values equal`);
      expect(errors).toEqual([]);
    }, 300_000);

    it(`shows the numbers the CLI prints for ${RANDOM_CASES} random configurations`, async () => {
      const states = Array.from({ length: RANDOM_CASES }, (_, i) => randomState(i + 1));
      const shown = await showPage(page, states);
      let numbers = 0;
      let failing = 0;
      for (const [i, s] of states.entries()) {
        const want = await reference(s);
        expect(shown[i], `random case seed ${i + 1}: ${JSON.stringify(s)}`).toEqual(want);
        if (typeof want !== 'string') {
          numbers += want.reduce((n, p) => n + Object.keys(p).length - 3, 0);
          failing += want.filter((p) => 'reason' in p).length;
        }
      }
      console.log(
        `random parity: ${states.length} cases, ${numbers} values equal, ${failing} processes that do not start`,
      );
      // The generator must reach both outcomes, or the comparison proves little.
      expect(failing).toBeGreaterThan(50);
      expect(numbers).toBeGreaterThan(2000);
      expect(errors).toEqual([]);
    }, 300_000);

    it('a link reproduces the state, from file://', async () => {
      const page = await session.context.newPage();
      await page.goto(url);
      await page.fill('#text', 'taskmanager.memory.process.size: 3g\n');
      await page.selectOption('#version', '1.19');
      await page.fill('#o-jobmanager-memory-process-size', '1g');
      const link = await page.evaluate(() => location.href);
      expect(link).toContain('#');
      const again = await session.context.newPage();
      await again.goto(link);
      expect(await again.inputValue('#text')).toBe('taskmanager.memory.process.size: 3g\n');
      expect(await again.inputValue('#version')).toBe('1.19');
      expect(await again.inputValue('#o-jobmanager-memory-process-size')).toBe('1g');
      expect(await again.innerHTML('#output')).toBe(await page.innerHTML('#output'));
      expect(await again.textContent('#status')).toBe(
        'Flink 1.19, standalone: TaskManager starts, JobManager starts.',
      );
      await again.close();
      await page.close();
    });

    it('is usable from the keyboard and every control has a label', async () => {
      const page = await session.context.newPage();
      await page.goto(
        `${url}#c=${encodeURIComponent('taskmanager.memory.process.size: 2g\njobmanager.memory.process.size: 1g\n')}`,
      );
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLInputElement>('input, select, textarea')]
          .filter((c) => !c.labels || c.labels.length === 0)
          .map((c) => c.id),
      );
      expect(unlabelled).toEqual([]);
      expect(await page.getAttribute('#status', 'role')).toBe('status');
      expect(await page.locator('#output svg[role="img"] > title').count()).toBe(1);
      // Tab from the text to the first form option and type a size that does not fit.
      await page.focus('#text');
      const order: string[] = [];
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        order.push(await page.evaluate(() => document.activeElement!.id));
      }
      expect(order).toEqual([
        'format',
        'version',
        'target',
        'env',
        'o-taskmanager-memory-process-size',
        'o-taskmanager-memory-flink-size',
      ]);
      await page.keyboard.type('100m');
      expect(await page.textContent('#status')).toContain('TaskManager does not start');
      expect(await page.textContent('#output')).toContain('Fix:');
      const shot = join(mkdtempSync(join(tmpdir(), 'flink-mem-site-shot-')), 'calculator.png');
      await page.screenshot({ path: shot, fullPage: true });
      console.log(`screenshot of the page: ${shot}`);
      await page.close();
    });

    it('says what is wrong with input it cannot read', async () => {
      const page = await session.context.newPage();
      await page.goto(url);
      await page.fill('#text', 'a: [unclosed\n');
      await page.selectOption('#format', 'config-yaml');
      expect(await page.textContent('#status')).toMatch(/^Cannot read this configuration: line 1/);
      expect(await page.innerHTML('#output')).toBe('');
      await page.close();
    });
  },
);

describe('the page script', () => {
  it('is built for the browser without node: modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flink-mem-site-'));
    const log = execFileSync(process.execPath, ['scripts/build-site.mjs', dir], {
      encoding: 'utf8',
    });
    expect(log).toMatch(/calculator\.js: \d+ bytes/);
    const js = readFileSync(join(dir, 'calculator.js'), 'utf8');
    expect(js).not.toMatch(/require\(["']node:|from ?["']node:/);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain(
      '<script src="calculator.js"></script>',
    );
  });
});
