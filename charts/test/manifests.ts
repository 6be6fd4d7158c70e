import type { K8sObject } from './helm.js';

// Lookups over one rendered release, failing loudly when an expected object is missing.

export function ofKind(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((object) => object.kind === kind);
}

export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) {
    const present = objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ');
    throw new Error(`no ${kind}/${name} among: ${present}`);
  }
  return found;
}

export function matches(
  selector: Record<string, string>,
  labels: Record<string, string> | undefined,
): boolean {
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string } };
  }[];
  ports?: { name: string; containerPort: number }[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  // biome-ignore lint/suspicious/noExplicitAny: read freely after schema validation
  [field: string]: any;
}

/** The pod template (or pod spec) of a workload, with its labels. */
export function podOf(object: K8sObject): {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: read freely after schema validation
  spec: any;
} {
  if (object.kind === 'Pod') {
    return {
      labels: object.metadata.labels ?? {},
      annotations: object.metadata.annotations ?? {},
      spec: object.spec,
    };
  }
  const template = object.spec.template;
  return {
    labels: template.metadata?.labels ?? {},
    annotations: template.metadata?.annotations ?? {},
    spec: template.spec,
  };
}

export function containersOf(object: K8sObject): Container[] {
  const { spec } = podOf(object);
  return [...(spec.initContainers ?? []), ...spec.containers];
}

export function envOf(container: Container): Record<string, string | undefined> {
  return Object.fromEntries(
    (container.env ?? []).map((variable) => [variable.name, variable.value]),
  );
}

/** Which Secret key a file path inside a container comes from, through its mounts and volumes. */
export function secretFileOf(
  workload: K8sObject,
  container: Container,
  path: string,
): { secretName: string; key: string } | undefined {
  const mount = (container.volumeMounts ?? []).find((m) => path.startsWith(`${m.mountPath}/`));
  if (!mount) return undefined;
  const volume = podOf(workload).spec.volumes?.find((v: { name: string }) => v.name === mount.name);
  const file = path.slice(mount.mountPath.length + 1);
  const item = volume?.secret?.items?.find((i: { path: string }) => i.path === file);
  return item ? { secretName: volume.secret.secretName, key: item.key } : undefined;
}
