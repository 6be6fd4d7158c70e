// `npm run images`: builds the local base image when missing, builds the api and web images
// with buildah, and smoke-runs them against MariaDB on loopback. See README.md beside this file.
import { repoRoot } from '@todo/harness/paths';
import { createTestDatabase } from '@todo/harness/test-database';
import { BASE_IMAGE, ensureBaseImage } from './base-image.js';
import {
  buildImage,
  type Deployable,
  imageSize,
  imageTag,
  pruneCacheWhenDiskLow,
} from './build-images.js';
import { Checks } from './checks.js';
import { type Container, stop } from './container.js';
import { ensureHostTools } from './host-tools.js';
import { startApi } from './smoke-api.js';
import { createWeb } from './smoke-web.js';
import { Stopwatch } from './stopwatch.js';

const RUN_BUDGET_MS = 40 * 60_000;
const log = (line: string) => console.log(`[images] ${line}`);
const checks = new Checks(log);

function deployablesFromArgs(args: string[]): Deployable[] {
  const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  if (only === undefined) return ['api', 'web'];
  if (only === 'api') return ['api'];
  throw new Error(`--only accepts "api" (the web smoke needs the api), got "${only}"`);
}

/** Stops one server, checks that nothing was written to its image, removes it. */
async function tearDownOne(container: Container, failed: boolean): Promise<void> {
  const server = container.server;
  if (server) {
    const code = await stop(server, 15_000);
    if (!failed) {
      checks.expect(
        `${container.name} stops cleanly on SIGTERM`,
        code !== null && container.cleanExitCodes.includes(code),
        `exit ${code}`,
      );
    }
  }
  if (!failed) {
    const written = await container.writesToRootFilesystem();
    checks.expect(
      `${container.name} wrote nothing outside its scratch mounts`,
      written.length === 0,
      written.slice(0, 20).join(', '),
    );
  }
}

/**
 * Tears every container down (web first), even when one of them fails a check or will not
 * stop: a failed web check must not leave the api running. The first failure is rethrown.
 */
async function tearDown(started: Container[], failed: boolean): Promise<void> {
  let firstError: unknown;
  for (const container of [...started].reverse()) {
    try {
      await tearDownOne(container, failed);
    } catch (error) {
      firstError ??= error;
    }
    await container.remove().catch((error: unknown) => {
      firstError ??= error;
    });
  }
  if (firstError !== undefined) throw firstError;
}

async function smoke(deployables: Deployable[], stopwatch: Stopwatch): Promise<void> {
  // Named here, created by the api image's migrator, dropped at the end.
  const database = await createTestDatabase({ prefix: 'todo_images', create: false });
  const started: Container[] = [];
  let failed = true;
  try {
    const api = await startApi(database, checks);
    started.push(api.container);
    const running = await stopwatch.time('smoke api (migrate, start, round trip)', api.start);
    if (deployables.includes('web')) {
      const web = await createWeb(database.name, checks);
      started.push(web.container);
      await stopwatch.time('smoke web (start, sign up, render, add)', () =>
        web.start(running.url, database),
      );
    }
    failed = false;
  } finally {
    await tearDown(started, failed);
    await database.drop();
  }
}

async function report(deployables: Deployable[], stopwatch: Stopwatch): Promise<void> {
  console.log('\nimage sizes (uncompressed):');
  for (const image of [BASE_IMAGE, ...deployables.map(imageTag)]) {
    const size = await imageSize(image).catch(() => 'not built');
    console.log(`  ${image.padEnd(44)} ${size}`);
  }
  console.log('timings:');
  let total = 0;
  for (const { name, seconds } of stopwatch.laps()) {
    total += seconds;
    console.log(`  ${name.padEnd(44)} ${seconds.toFixed(1)} s`);
  }
  console.log(`  ${'total'.padEnd(44)} ${total.toFixed(1)} s`);
}

async function main(): Promise<void> {
  const deployables = deployablesFromArgs(process.argv.slice(2));
  const guard = setTimeout(() => {
    console.error(`[images] gave up after ${RUN_BUDGET_MS / 60_000} minutes`);
    process.exit(1);
  }, RUN_BUDGET_MS);
  guard.unref();

  const stopwatch = new Stopwatch();
  await stopwatch.time('host tools', () => ensureHostTools(log));
  await pruneCacheWhenDiskLow(log);
  const base = await stopwatch.time('base image', () => ensureBaseImage(log));
  log(`base image ${BASE_IMAGE}: ${base}`);
  for (const deployable of deployables) {
    log(`building ${imageTag(deployable)}`);
    await stopwatch.time(`build ${deployable} image`, () => buildImage(deployable, repoRoot));
  }
  try {
    await smoke(deployables, stopwatch);
  } finally {
    await report(deployables, stopwatch);
  }
  console.log(`images smoke: ${checks.passed} passed, 0 failed`);
}

main().catch((error: unknown) => {
  console.error(`[images] ${error instanceof Error ? error.message : String(error)}`);
  console.error(`images smoke: ${checks.passed} passed, 1 failed`);
  process.exit(1);
});
