import { createTestDatabase, type TestDatabase } from '../../api/test/support/test-database.js';
import type { NodeService } from '../../scripts/lib/node-service.js';
import { type FaultProxy, startFaultProxy } from './fault-proxy.js';
import { startApiService, startWebService } from './services.js';

/**
 * A database of its own, the api on it, a fault proxy in front of the api, and the production
 * web server talking to the api through that proxy. The api can be stopped and started again
 * on the same port.
 */
export type WebStack = {
  db: TestDatabase;
  api: () => NodeService | null;
  proxy: FaultProxy;
  web: NodeService;
  stopApi(): Promise<void>;
  startApi(): Promise<void>;
  addTask(title: string): Promise<number>;
  close(): Promise<void>;
};

export async function startWebStack(apiTimeoutMs = 1000): Promise<WebStack> {
  const db = await createTestDatabase({ prefix: 'todo_web_rel' });
  let api: NodeService | null = await startApiService(db.url);
  const apiPort = api.port;
  const proxy = await startFaultProxy(api.url);
  const web = await startWebService(proxy.url, { env: { API_TIMEOUT_MS: String(apiTimeoutMs) } });
  return {
    db,
    api: () => api,
    proxy,
    web,
    async stopApi() {
      await api?.stop();
      api = null;
    },
    async startApi() {
      api ??= await startApiService(db.url, { port: apiPort });
    },
    async addTask(title) {
      const response = await fetch(`http://127.0.0.1:${apiPort}/v1/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title }),
      });
      if (response.status !== 201) throw new Error(`could not add a task: ${response.status}`);
      return ((await response.json()) as { id: number }).id;
    },
    async close() {
      await web.stop();
      await proxy.close();
      await api?.stop();
      await db.drop();
    },
  };
}
