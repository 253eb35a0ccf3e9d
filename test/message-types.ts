/**
 * Compile-time tests of defineRule's message typing, checked by `tsc -p tsconfig.json` (CI runs
 * it): each `@ts-expect-error` line must fail to compile, so the check fails if the typing ever
 * lets a misspelled, missing or extra placeholder key, or an unknown message id, through again.
 * Nothing here runs.
 */
import { defineRule } from '../src/engine/types.js';

export const typed = defineRule({
  id: 'message-types',
  severity: 'error',
  description: 'A rule that exists only to be compiled',
  rationale: 'None.',
  messages: { tooSmall: '"{key}" ({value}) is below {min}', plain: 'nothing to fill in' },
  remediation: 'None.',
  check(ctx) {
    ctx.report({ messageId: 'tooSmall', data: { key: 'k', value: '1m', min: 2n } });
    ctx.report({ messageId: 'plain' });
    // @ts-expect-error a misspelled key: {min} would be left unrendered
    ctx.report({ messageId: 'tooSmall', data: { key: 'k', value: '1m', mni: '2m' } });
    // @ts-expect-error a missing key
    ctx.report({ messageId: 'tooSmall', data: { key: 'k', value: '1m' } });
    // @ts-expect-error an extra key the message does not show
    ctx.report({ messageId: 'tooSmall', data: { key: 'k', value: '1m', min: '2m', max: '3m' } });
    // @ts-expect-error data for a message without placeholders
    ctx.report({ messageId: 'plain', data: { key: 'k' } });
    // @ts-expect-error no data for a message with placeholders
    ctx.report({ messageId: 'tooSmall' });
    // @ts-expect-error a message id the rule does not declare
    ctx.report({ messageId: 'tooLarge' });
    const either = Math.random() < 0.5 ? 'tooSmall' : 'plain';
    // @ts-expect-error one of several messages gets data that fits only some of them
    ctx.report({ messageId: either, data: { key: 'k', value: '1m', min: '2m' } });
  },
});

export const concatenated = defineRule({
  id: 'message-types-concatenated',
  severity: 'error',
  description: 'A rule whose message is not one string literal',
  rationale: 'None.',
  // @ts-expect-error a template built at run time cannot be checked, so defineRule refuses it
  messages: { joined: '"{key}" is ' + 'wrong' },
  remediation: 'None.',
  check() {},
});
