import { randomBytes } from 'node:crypto';
import { authSecretFile, tokenKeyFile } from '@todo/harness/accounts';
import { freePort } from '@todo/harness/ports';
import { accountIdOf, signUp } from '@todo/harness/sessions';
import { addTask } from '@todo/harness/task-client';
import type { TestDatabase } from '@todo/harness/test-database';
import { imageTag } from './build-images.js';
import type { Checks } from './checks.js';
import type { Background } from './command.js';
import { Container } from './container.js';
import { request, waitUntilOk } from './http-probe.js';
import { asMountedSecret, mountPoint, SECRET_PATHS } from './secret-mounts.js';

export interface RunningWeb {
  server: Background;
  url: string;
}

// Where the chart mounts web's secrets; the smoke run mounts the harness's there.
const TOKEN_KEY_PATH = SECRET_PATHS.apiTokenKey;
const AUTH_SECRET_PATH = SECRET_PATHS.authSecret;

/**
 * Creates the web container; `start` runs its server against the given api and database, as
 * the chart does (the secrets as files), signs up through it and reads the account's list.
 */
export async function createWeb(
  name: string,
  checks: Checks,
): Promise<{
  container: Container;
  start: (apiUrl: string, database: TestDatabase) => Promise<RunningWeb>;
}> {
  // Next's server finishes its clean-up on SIGTERM and then exits 143 on purpose (128 + 15).
  const container = await Container.create(imageTag('web'), `todo-images-web-${name}`, [0, 143]);
  const { user, workingDir, cmd } = container.config;
  checks.expect(
    'web image runs as a numeric non-root user',
    /^[1-9][0-9]*(:[0-9]+)?$/.test(user),
    user,
  );
  // start.js checks the settings before Next's server.js listens; server.js alone would not.
  checks.expect(
    'web image starts the checked entry point, web/start.js',
    cmd.join(' ') === 'node web/start.js',
    cmd.join(' '),
  );

  const start = async (apiUrl: string, database: TestDatabase): Promise<RunningWeb> => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = container.start({
      env: {
        API_URL: apiUrl,
        PORT: String(port),
        // Loopback only for the smoke run; the image's default is 0.0.0.0.
        HOSTNAME: '127.0.0.1',
        NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        DATABASE_URL: database.url,
        API_TOKEN_KEY_FILE: TOKEN_KEY_PATH,
        AUTH_SECRET_FILE: AUTH_SECRET_PATH,
        PUBLIC_URL: url,
      },
      // The chart mounts emptyDirs at exactly these two places.
      scratch: ['/tmp', `${workingDir}/web/.next/cache`],
      secrets: {
        [mountPoint(TOKEN_KEY_PATH)]: asMountedSecret(tokenKeyFile()),
        [mountPoint(AUTH_SECRET_PATH)]: asMountedSecret(authSecretFile()),
      },
    });
    await waitUntilOk(`${url}/healthz`, server, 60_000);
    checks.pass('web /healthz answers 200');
    const signedOut = await fetch(`${url}/`, { redirect: 'manual' });
    await signedOut.body?.cancel();
    checks.expect(
      'web sends a signed-out visitor to sign in',
      signedOut.status === 303 && (signedOut.headers.get('location') ?? '').endsWith('/sign-in'),
      `${signedOut.status} ${signedOut.headers.get('location')}`,
    );

    const session = await signUp(url);
    const cookie = session.setCookies.find((line) => line.startsWith('todo.session_token='));
    checks.expect(
      'web signs up an account: an HttpOnly, SameSite=Lax session cookie',
      /HttpOnly/i.test(cookie ?? '') && /SameSite=Lax/i.test(cookie ?? ''),
      cookie ?? 'no session cookie',
    );
    const taskTitle = `smoke ${randomBytes(3).toString('hex')}`;
    await addTask(apiUrl, taskTitle, await accountIdOf(database.url, session.email));
    const home = await request(`${url}/`, { headers: { cookie: session.cookie } });
    checks.expect('web home page answers 200', home.status === 200, home.body.slice(0, 500));
    checks.expect(
      "web home page renders the account's task created through the api",
      home.body.includes(taskTitle),
      `"${taskTitle}" not in ${home.body.length} bytes of HTML`,
    );

    // A change through the web: its token for the account reaches the api.
    const formTitle = `${taskTitle} via the form`;
    const added = await fetch(`${url}/forms/add`, {
      method: 'POST',
      headers: {
        origin: url,
        cookie: session.cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        title: formTitle,
        formKey: 'smokeFormKey0123456789',
        returnTo: '/',
      }),
      redirect: 'manual',
    });
    await added.body?.cancel();
    const after = await request(`${url}/`, { headers: { cookie: session.cookie } });
    checks.expect(
      'web adds a task with a form post (303) that its list then shows',
      added.status === 303 && after.body.includes(formTitle),
      `${added.status}; "${formTitle}" ${after.body.includes(formTitle) ? '' : 'not '}listed`,
    );
    return { server, url };
  };
  return { container, start };
}
