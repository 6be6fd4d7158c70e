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

/** A variable's value from a rendered Secret, as the kubelet resolves `secretKeyRef`. */
function secretValue(
  ref: { name: string; key: string },
  secrets: K8sObject[],
  variable: string,
): string {
  const secret = secrets.find((s) => s.kind === 'Secret' && s.metadata.name === ref.name);
  const value = secret?.data?.[ref.key];
  if (value === undefined)
    throw new Error(`${variable}: the release renders no ${ref.name}/${ref.key}`);
  return Buffer.from(value, 'base64').toString('utf8');
}

/**
 * Writes the Secret volumes `container` mounts under `dir` (each at its mount path's basename,
 * with the volume's items and mode) and returns the container's environment: plain values, and
 * values from the release's own Secrets (web's Server Actions key, which Next.js only reads
 * from the environment). Any other kind of value fails here rather than being dropped.
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
    const ref = variable.valueFrom?.secretKeyRef;
    if (ref) {
      env[variable.name] = secretValue(ref, secrets, variable.name);
      continue;
    }
    if (variable.value === undefined) {
      throw new Error(`${container.name}: ${variable.name} is neither a value nor a Secret's`);
    }
    const mountPath = Object.keys(mounts).find((m) => variable.value?.startsWith(`${m}/`));
    env[variable.name] = mountPath
      ? `${mounts[mountPath]}${variable.value.slice(mountPath.length)}`
      : variable.value;
  }
  return { env, mounts };
}
