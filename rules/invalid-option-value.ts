import type { ConfigEntry } from '../src/config/types.js';
import type { RuleContext } from '../src/engine/types.js';
import { defineRule } from '../src/engine/types.js';
import { rawToString } from '../src/primitives/raw-value.js';
import { OPTIONS, getOption, isActive } from '../src/options/catalogue.js';
import type { ValueIssueKind } from '../src/options/value-checks.js';
import {
  SEGMENT_SIZE,
  WEIGHTS,
  issueFor,
  ratios,
  weightsIssue,
} from '../src/options/value-checks.js';
import { validateOptionValues, valueProblemKind } from '../src/options/validate.js';
import { isFractionOption } from './fraction-out-of-range.js';

/** The message that words each kind of value problem. */
const MESSAGE_OF = {
  'not-an-integer': 'notAnInteger',
  'not-a-number': 'notANumber',
  'out-of-range': 'outOfRange',
  'not-a-boolean': 'notABoolean',
  'not-a-duration': 'notADuration',
  'unknown-backend': 'unknownBackend',
  'bad-weight': 'badWeight',
  'negative-weight': 'negativeWeight',
  'unknown-consumer': 'unknownConsumer',
  'segment-too-small': 'segmentTooSmall',
  'segment-not-power-of-two': 'segmentNotPowerOfTwo',
  'segment-too-large': 'segmentTooLarge',
} as const satisfies Readonly<Record<ValueIssueKind, string>>;

export default defineRule({
  id: 'invalid-option-value',
  severity: 'error',
  description: 'A non-size option with a value of the wrong type or outside its range',
  rationale:
    'Flink converts an option when it reads it: a slot count that is not a whole number, a boolean other than true or false, ' +
    'a RocksDB ratio outside (0, 1), an unknown managed-memory consumer, a segment size that is not a power of two, or an ' +
    'unknown state backend fails the TaskManager or the job at start-up, often long after the file was changed.',
  messages: {
    notAnInteger: '"{key}" ({value}) is not a whole number: Flink reads this option as an integer',
    notANumber: '"{key}" ({value}) is not a number: Flink reads this option as a decimal number',
    outOfRange: '"{key}" ({value}) is out of range: it must be {constraint}',
    notABoolean:
      '"{key}" ({value}) is not a boolean: Flink accepts only true or false (in any case)',
    notADuration:
      '"{key}" ({value}) is not a duration: Flink reads a whole number with a unit such as ms, s, min, h or d',
    unknownBackend:
      '"{key}" ({value}) is not a state backend Flink {version} knows: use {allowed}, or the class name of a state backend factory',
    badWeight: '"{key}" ({value}): "{item}" is not NAME:weight with a whole-number weight',
    negativeWeight:
      '"{key}" ({value}) gives {name} the weight {weight}: weights are whole numbers of at least 0',
    unknownConsumer:
      '"{key}" ({value}) names the consumer "{name}", which Flink {version} does not know: use {allowed} (names are case-sensitive)',
    segmentTooSmall:
      '"{key}" ({value}) is below 4096 bytes: a memory segment is a power of two of at least 4096 bytes, like 32kb',
    segmentNotPowerOfTwo:
      '"{key}" ({value}) is not a power of two: a memory segment is a power of two of at least 4096 bytes, like 32kb',
    segmentTooLarge:
      '"{key}" ({value}) does not fit in an int: a memory segment is a power of two between 4096 bytes and 1g',
    rocksdbRatios:
      '"{wKey}" ({w}) and "{hKey}" ({h}) leave no room for the block cache: 2 x w / (3 - w) + h must be below 1, here it is {sum}',
  },
  remediation: 'Set the option to a value of its type within its range, as the message says.',
  fixable: true,
  check(ctx) {
    // value-checks.ts builds an issue's data by its kind, untyped: its placeholders are checked
    // when
    // rendered (the rule harness fails on one left unrendered), not by the compiler.
    const untyped: RuleContext = ctx;
    // What Flink's conversion and the catalogue's schema find wrong; the rule words it and adds
    // what the schema cannot say.
    const found = new Map(validateOptionValues(ctx.doc, ctx.version).map((p) => [p.entry, p.kind]));
    const seen = new Set<ConfigEntry>();
    for (const option of OPTIONS) {
      if (
        !isActive(option, ctx.version) ||
        isFractionOption(option) ||
        (option.type === 'memory' && option.key !== SEGMENT_SIZE)
      )
        continue;
      const entry = ctx.entry(option.key);
      // A quoted legacy value is reported by legacy-syntax, which knows the unquoted value.
      if (
        !entry ||
        seen.has(entry) ||
        ctx.doc.problems.some(
          (p) => p.kind === 'legacy-quoted' && p.span.offset === entry.valueSpan?.offset,
        )
      )
        continue;
      seen.add(entry);
      const issue = issueFor(option, entry, found.get(entry), ctx.version);
      if (!issue) continue;
      const fix =
        issue.fix !== undefined && issue.fix !== rawToString(entry.value)
          ? { [entry.key]: issue.fix }
          : undefined;
      untyped.report({
        messageId: MESSAGE_OF[issue.kind],
        entry,
        key: entry.key,
        data: { key: entry.key, value: entry.text, ...issue.data },
        ...(fix ? { fix } : {}),
      });
    }
    // A YAML mapping under consumer-weights becomes prefixed keys, which Flink reads as the map
    // when the key itself is unset.
    const weightsOption = getOption(WEIGHTS);
    if (!ctx.entry(WEIGHTS) && isActive(weightsOption, ctx.version)) {
      for (const e of ctx.doc.effective.values()) {
        if (!e.key.startsWith(`${WEIGHTS}.`)) continue;
        const pair = `${e.key.slice(WEIGHTS.length + 1)}:${rawToString(e.value).trim()}`;
        const issue = weightsIssue(
          pair,
          valueProblemKind(WEIGHTS, weightsOption, { kind: 'string', text: pair }),
          ctx.version,
        );
        if (issue)
          untyped.report({
            messageId: MESSAGE_OF[issue.kind],
            entry: e,
            key: e.key,
            data: { key: e.key, value: e.text, ...issue.data },
          });
      }
    }
    for (const prefix of ['state.backend.rocksdb.memory', 'state.backend.forst.memory']) {
      const bad = isActive(getOption(`${prefix}.write-buffer-ratio`), ctx.version)
        ? ratios((k) => ctx.entry(k), prefix, ctx.version)
        : null;
      if (bad)
        ctx.report({ messageId: 'rocksdbRatios', entry: bad.at, key: bad.at.key, data: bad.data });
    }
  },
});
