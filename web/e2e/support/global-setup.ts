import { ensureBuilt } from '@todo/harness/build';

/** Builds what the tests run, once, unless fresh: the api as the image runs it, and web. */
export default function setup() {
  ensureBuilt({ web: true });
}
