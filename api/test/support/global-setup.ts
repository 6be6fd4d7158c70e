import { ensureBuilt } from '@todo/harness/build';

/** The process tests run the compiled server, exactly what the image runs. */
export default function setup() {
  ensureBuilt();
}
