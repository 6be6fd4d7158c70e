import { type NodeService, startNodeService } from '../../../scripts/lib/node-service';

export { freePort } from '../../../scripts/lib/ports';

export type Service = Pick<NodeService, 'url' | 'port' | 'output' | 'stop'>;

/** Starts `node <entry>` and waits until `probePath` answers 200. */
export function startService(
  name: string,
  entry: string,
  port: number,
  env: Record<string, string>,
  probePath: string,
): Promise<Service> {
  return startNodeService({ name, entry, port, env, probePath });
}
