/** What a format's planner returns: the edits, and the keys it cannot change in this file. */
import type { TextEdit } from './edits.js';

export interface EditPlan {
  readonly edits: TextEdit[];
  /** Keys whose change cannot be written here (the finding stays, with the reason). */
  readonly unsupported: Map<string, string>;
}

export function emptyPlan(): EditPlan {
  return { edits: [], unsupported: new Map() };
}
