// Next's ambient types, committed: next-env.d.ts is rewritten by every build (it names the
// build's output directory), so it is not.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
