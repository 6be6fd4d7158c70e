{{/* Pieces shared by the api and web Deployments (and, where said, every pod of the chart). */}}

{{/*
The kubelet kills a pod at the end of its grace period, so the period must cover the preStop
sleep plus the time the server is given to drain; call with
(dict "component" "api" "values" .Values.api "shutdownSeconds" 10).
*/}}
{{- define "todo.pod.checkGracePeriod" -}}
{{- $needed := add .values.preStopSleepSeconds .shutdownSeconds }}
{{- if le (int .values.terminationGracePeriodSeconds) (int $needed) }}
{{- fail (printf "%s.terminationGracePeriodSeconds (%v) must exceed preStopSleepSeconds plus the shutdown timeout (%v s)" .component .values.terminationGracePeriodSeconds $needed) }}
{{- end }}
{{- end }}

{{/* Deployment metadata; call with (dict "root" $ "component" "api"). */}}
{{- define "todo.deployment.metadata" -}}
name: {{ include "todo.componentName" . }}
namespace: {{ .root.Release.Namespace }}
labels:
  {{- include "todo.componentLabels" . | nindent 2 }}
{{- end }}

{{/* Replicas (left to the HPA when it is on), history, rollout strategy and selector. */}}
{{- define "todo.deployment.rollout" -}}
{{- $values := index .root.Values .component }}
{{- if not $values.autoscaling.enabled }}
replicas: {{ $values.replicaCount }}
{{- end }}
revisionHistoryLimit: 5
strategy:
  {{- toYaml $values.strategy | nindent 2 }}
selector:
  matchLabels:
    {{- include "todo.componentSelectorLabels" . | nindent 4 }}
{{- end }}

{{/*
Pod template metadata: the component's labels, and a checksum of the Secret the pods read so
that they roll when it changes; call with (dict "root" $ "component" "api" "checksum" "...").
*/}}
{{- define "todo.pod.metadata" -}}
{{- $values := index .root.Values .component }}
labels:
  {{- include "todo.componentLabels" . | nindent 2 }}
  {{- with $values.podLabels }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
annotations:
  checksum/secret: {{ .checksum }}
  {{- with $values.podAnnotations }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}

{{/*
Startup and liveness on /healthz; readiness on the path given (the api's /readyz asks the
database, web has no dependency to ask); call with (dict "probes" .Values.api.probes
"readinessPath" "/readyz").
*/}}
{{- define "todo.pod.probes" -}}
startupProbe:
  httpGet:
    path: /healthz
    port: http
  periodSeconds: {{ .probes.startup.periodSeconds }}
  failureThreshold: {{ .probes.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /healthz
    port: http
  periodSeconds: {{ .probes.liveness.periodSeconds }}
  timeoutSeconds: {{ .probes.liveness.timeoutSeconds }}
  failureThreshold: {{ .probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: {{ .readinessPath }}
    port: http
  periodSeconds: {{ .probes.readiness.periodSeconds }}
  timeoutSeconds: {{ .probes.readiness.timeoutSeconds }}
  failureThreshold: {{ .probes.readiness.failureThreshold }}
{{- end }}

{{/* Endpoints drop the pod while it sleeps; SIGTERM comes after. No shell needed. */}}
{{- define "todo.pod.lifecycle" -}}
lifecycle:
  preStop:
    sleep:
      seconds: {{ .preStopSleepSeconds }}
{{- end }}

{{/*
Spread constraints with the component's selector filled in when the user gave none, and
pod-template-hash as a matchLabelKey so a rollout's new pods spread among themselves.
*/}}
{{- define "todo.pod.topologySpreadConstraints" -}}
{{- $selector := include "todo.componentSelectorLabels" . | fromYaml }}
{{- range (index .root.Values .component).topologySpreadConstraints }}
{{- $constraint := deepCopy . }}
{{- if not $constraint.labelSelector }}
{{- $_ := set $constraint "labelSelector" (dict "matchLabels" $selector) }}
{{- if not $constraint.matchLabelKeys }}
{{- $_ := set $constraint "matchLabelKeys" (list "pod-template-hash") }}
{{- end }}
{{- end }}
- {{ toYaml $constraint | nindent 2 | trim }}
{{- end }}
{{- end }}

{{/* Placement settings; empty ones are left out. */}}
{{- define "todo.pod.placement" -}}
{{- $values := index .root.Values .component }}
{{- with $values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with include "todo.pod.topologySpreadConstraints" . | trim }}
topologySpreadConstraints:
  {{- . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Settings every pod of the chart shares (api, web, migration Job, test pod). */}}
{{- define "todo.pod.common" -}}
serviceAccountName: {{ include "todo.serviceAccountName" . }}
automountServiceAccountToken: {{ .Values.serviceAccount.automountServiceAccountToken }}
enableServiceLinks: false
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- end }}

{{/* A size-limited emptyDir at /tmp: the root filesystem is read-only. */}}
{{- define "todo.pod.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ . }}
{{- end }}
