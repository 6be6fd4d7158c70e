import { ensureBuilt } from '@todo/harness/build';

/** Builds what the suite runs, once: the api as its image runs it, and web unless fresh. */
export default function setup() {
  ensureBuilt({ web: true });
}
