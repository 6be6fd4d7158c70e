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
