import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { K8sObject } from './helm.js';
import { type Container, podOf } from './manifests.js';

// A container of a rendered pod, set up here as the kubelet would set it up there: its
// environment, and its Secret volumes as files. Only the files move (the kubelet mounts at
// absolute paths no test may write to), so every variable naming a mounted file is repointed.

export interface LocalContainer {
  /** The container's environment, with file paths under a Secret mount repointed here. */
  env: Record<string, string>;
  /** Mount path in the pod -> the directory holding its files here. */
  mounts: Record<string, string>;
}

interface SecretVolume {
  secretName: string;
  defaultMode?: number;
  items?: { key: string; path: string }[];
}

function writeSecretVolume(volume: SecretVolume, secrets: K8sObject[], dir: string): void {
  const secret = secrets.find((s) => s.kind === 'Secret' && s.metadata.name === volume.secretName);
  if (!secret) throw new Error(`the release renders no Secret ${volume.secretName}`);
  const data: Record<string, string> = secret.data ?? {};
  const items = volume.items ?? Object.keys(data).map((key) => ({ key, path: key }));
  mkdirSync(dir, { recursive: true });
  for (const { key, path } of items) {
    const value = data[key];
    if (value === undefined) throw new Error(`Secret ${volume.secretName} has no key ${key}`);
    const file = join(dir, path);
    writeFileSync(file, Buffer.from(value, 'base64'));
    chmodSync(file, volume.defaultMode ?? 0o644);
  }
}

/**
 * Writes the Secret volumes `container` mounts under `dir` (each at its mount path's basename,
 * with the volume's items and mode) and returns the container's environment. Plain values
 * only: the chart passes nothing to these containers from a Secret through the environment,
 * and a variable that tried would fail here rather than be silently dropped.
 */
export function materialize(
  workload: K8sObject,
  container: Container,
  secrets: K8sObject[],
  dir: string,
): LocalContainer {
  const volumes: { name: string; secret?: SecretVolume }[] = podOf(workload).spec.volumes ?? [];
  const mounts: Record<string, string> = {};
  for (const mount of container.volumeMounts ?? []) {
    const secret = volumes.find((v) => v.name === mount.name)?.secret;
    if (!secret) continue;
    const local = join(dir, basename(mount.mountPath));
    writeSecretVolume(secret, secrets, local);
    mounts[mount.mountPath] = local;
  }
  const env: Record<string, string> = {};
  for (const variable of container.env ?? []) {
    if (variable.value === undefined) {
      throw new Error(`${container.name}: ${variable.name} is not a plain value`);
    }
    const mountPath = Object.keys(mounts).find((m) => variable.value?.startsWith(`${m}/`));
    env[variable.name] = mountPath
      ? `${mounts[mountPath]}${variable.value.slice(mountPath.length)}`
      : variable.value;
  }
  return { env, mounts };
}
