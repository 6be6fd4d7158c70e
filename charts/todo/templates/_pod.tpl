{{/* Pod parts shared by the api and web Deployments; call with (dict "root" $ "component" "api"). */}}

{{/* Readiness of web needs no dependency, so both its probes use /healthz. */}}
{{- define "todo.pod.probes" -}}
{{- $probes := (index .root.Values .component).probes }}
startupProbe:
  httpGet:
    path: /healthz
    port: http
  periodSeconds: {{ $probes.startup.periodSeconds }}
  failureThreshold: {{ $probes.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /healthz
    port: http
  periodSeconds: {{ $probes.liveness.periodSeconds }}
  timeoutSeconds: {{ $probes.liveness.timeoutSeconds }}
  failureThreshold: {{ $probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: {{ ternary "/readyz" "/healthz" (eq .component "api") }}
    port: http
  periodSeconds: {{ $probes.readiness.periodSeconds }}
  timeoutSeconds: {{ $probes.readiness.timeoutSeconds }}
  failureThreshold: {{ $probes.readiness.failureThreshold }}
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

{{/* Checksum of a Secret's contents, so that pods roll when it changes. */}}
{{- define "todo.pod.secretChecksum" -}}
{{- if eq .component "api" }}
{{- if .root.Values.database.existingSecret }}
{{- (lookup "v1" "Secret" .root.Release.Namespace .root.Values.database.existingSecret).data | toJson | sha256sum }}
{{- else }}
{{- include "todo.db.secretData" .root | sha256sum }}
{{- end }}
{{- else }}
{{- if .root.Values.web.serverActionsKey.existingSecret }}
{{- (lookup "v1" "Secret" .root.Release.Namespace .root.Values.web.serverActionsKey.existingSecret).data | toJson | sha256sum }}
{{- else }}
{{- include "todo.serverActionsKey.secretData" .root | sha256sum }}
{{- end }}
{{- end }}
{{- end }}
