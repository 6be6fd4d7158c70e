import { readFileSync } from 'node:fs';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import { Ajv, type ValidateFunction } from 'ajv';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Pod } from 'kubernetes-models/v1/Pod';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { parse } from 'yaml';
import type { K8sObject } from './helm.js';
import { unknownFields } from './unknown-fields.js';

// Every kind the chart may render, mapped to the schema a cluster would check it against:
// kubernetes-models (the Kubernetes OpenAPI), @kubernetes-models/gateway-api (Gateway API v1),
// and the InnoDBCluster CRD's openAPIV3Schema through ajv; unknown fields are refused too.

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: never) => Validatable;

const models: Record<string, ModelClass> = {
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/Pod': Pod,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'gateway.networking.k8s.io/v1/HTTPRoute': HTTPRoute,
};

// biome-ignore lint/suspicious/noExplicitAny: walking an arbitrary OpenAPI schema
type SchemaNode = Record<string, any>;

/**
 * A structural CRD schema prunes unknown fields, and kubectl's default strict field validation
 * refuses them: close every object schema that does not preserve unknown fields.
 */
function closeObjects(node: SchemaNode): SchemaNode {
  const closed: SchemaNode = { ...node };
  if (closed.properties) {
    closed.properties = Object.fromEntries(
      Object.entries(closed.properties as Record<string, SchemaNode>).map(([k, v]) => [
        k,
        closeObjects(v),
      ]),
    );
    if (
      !closed['x-kubernetes-preserve-unknown-fields'] &&
      closed.additionalProperties === undefined
    ) {
      closed.additionalProperties = false;
    }
  }
  if (closed.items) closed.items = closeObjects(closed.items);
  if (typeof closed.additionalProperties === 'object') {
    closed.additionalProperties = closeObjects(closed.additionalProperties);
  }
  return closed;
}

function innoDbClusterValidator(): ValidateFunction {
  const crdFile = new URL('./schemas/innodbcluster.mysql.oracle.com.crd.yaml', import.meta.url);
  const crd = parse(readFileSync(crdFile, 'utf8'));
  const version = crd.spec.versions.find((v: { name: string }) => v.name === 'v2');
  const schema = closeObjects(version.schema.openAPIV3Schema);
  // apiVersion, kind and the rest of metadata are checked by the API server, not the CRD.
  schema.properties.apiVersion = { const: 'mysql.oracle.com/v2' };
  schema.properties.kind = { const: 'InnoDBCluster' };
  schema.properties.metadata = { ...schema.properties.metadata, additionalProperties: true };
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(schema);
}

let innoDbCluster: ValidateFunction | undefined;

/** Returns the schema violations of one object; an unknown kind is itself a violation. */
export function violations(object: K8sObject): string[] {
  const key = `${object.apiVersion}/${object.kind}`;
  const where = `${object.kind}/${object.metadata?.name}`;
  if (key === 'mysql.oracle.com/v2/InnoDBCluster') {
    innoDbCluster ??= innoDbClusterValidator();
    if (innoDbCluster(object)) return [];
    return (innoDbCluster.errors ?? []).map(
      (e) => `${where}: ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`,
    );
  }
  const Model = models[key];
  if (!Model) return [`${where}: no schema known for ${key}`];
  const unknown = unknownFields(object).map((field) => `unknown field ${field}`);
  try {
    new Model(object as never).validate();
    return unknown;
  } catch (error) {
    return [`${where}: ${(error as Error).message}`, ...unknown];
  }
}
