/**
 * A finding's identity that survives edits elsewhere in the file: code scanning and GitLab match
 * alerts between runs by fingerprint, so a fingerprint built from the line number would close
 * and reopen an alert each time a line is inserted above it. It hashes what the finding is about
 * (rule, file, option key or, without a key, the message, and the document of a multi-document
 * file); the n-th finding with the same identity in one file gets n in its hash.
 */
import { nodeCrypto } from '../node-crypto.js';
import type { Finding } from '../../engine/types.js';

export class Fingerprints {
  private readonly seen = new Map<string, number>();
  private path = '';

  /** Hex SHA-256 of the finding's identity; `path` is the file as the report names it. */
  of(f: Finding, path: string): string {
    // Files arrive one after another: counts of earlier files are never needed again.
    if (path !== this.path) {
      this.seen.clear();
      this.path = path;
    }
    const identity = [f.ruleId, path, f.key ?? f.message, String(f.docIndex ?? 0)].join('\u0000');
    const n = this.seen.get(identity) ?? 0;
    this.seen.set(identity, n + 1);
    return nodeCrypto().createHash('sha256').update(`${identity}\u0000${n}`).digest('hex');
  }
}
