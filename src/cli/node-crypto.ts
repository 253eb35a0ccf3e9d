/**
 * node:crypto, loaded when first asked for. Only SARIF and GitLab reports (fingerprints) and
 * `lint --fix` hash; loading the module at start-up cost every other run several milliseconds.
 * `process.getBuiltinModule` is Node 20.16 and later; before it the CLI bundle (CommonJS) has
 * `require`.
 */
import type * as NodeCrypto from 'node:crypto';

let loaded: typeof NodeCrypto | undefined;

export function nodeCrypto(): typeof NodeCrypto {
  // require() is the fallback before Node 20.16, which has no process.getBuiltinModule.
  return (loaded ??=
    process.getBuiltinModule?.('node:crypto') ??
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('node:crypto') as typeof NodeCrypto));
}
