import { randomBytes } from 'node:crypto';
import { freePort } from '@todo/harness/ports';
import { imageTag } from './build-images.js';
import type { Checks } from './checks.js';
import type { Background } from './command.js';
import { Container } from './container.js';
import { request, waitUntilOk } from './http-probe.js';

export interface RunningWeb {
  server: Background;
  url: string;
}

/** Creates the web container; `start` runs its server against the given api. */
export async function createWeb(
  name: string,
  checks: Checks,
): Promise<{
  container: Container;
  start: (apiUrl: string, taskTitle: string) => Promise<RunningWeb>;
}> {
  // Next's server finishes its clean-up on SIGTERM and then exits 143 on purpose (128 + 15).
  const container = await Container.create(imageTag('web'), `todo-images-web-${name}`, [0, 143]);
  const { user, workingDir } = container.config;
  checks.expect(
    'web image runs as a numeric non-root user',
    /^[1-9][0-9]*(:[0-9]+)?$/.test(user),
    user,
  );

  const start = async (apiUrl: string, taskTitle: string): Promise<RunningWeb> => {
    const port = await freePort();
    const server = container.start({
      env: {
        API_URL: apiUrl,
        PORT: String(port),
        // Loopback only for the smoke run; the image's default is 0.0.0.0.
        HOSTNAME: '127.0.0.1',
        NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      },
      // The chart mounts emptyDirs at exactly these two places.
      scratch: ['/tmp', `${workingDir}/web/.next/cache`],
    });
    const url = `http://127.0.0.1:${port}`;
    await waitUntilOk(`${url}/healthz`, server, 60_000);
    checks.pass('web /healthz answers 200');
    const home = await request(`${url}/`);
    checks.expect('web home page answers 200', home.status === 200, home.body.slice(0, 500));
    checks.expect(
      'web home page renders the task created through the api',
      home.body.includes(taskTitle),
      `"${taskTitle}" not in ${home.body.length} bytes of HTML`,
    );
    return { server, url };
  };
  return { container, start };
}
