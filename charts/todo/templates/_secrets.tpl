{{/* Names and contents of the Secrets the chart makes (unless existing ones are named). */}}

{{/*
Secret data of the chart-made database Secret. A password left empty is generated once and
read back with `lookup` on upgrades, so it never changes under a running database; the bundled
MySQL's root password likewise (MySQL reads both only when it first initialises its volume).
*/}}
{{- define "todo.db.secretData" -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "todo.db.secretName" .) }}
{{- $kept := dict }}
{{- if and $existing $existing.data }}
{{- $kept = $existing.data }}
{{- end }}
{{- $password := .Values.database.password }}
{{- if not $password }}
{{- $password = index $kept "password" | default "" | b64dec | default (randAlphaNum 32) }}
{{- end }}
password: {{ $password | b64enc | quote }}
{{- if eq .Values.database.mode "bundled" }}
root-password: {{ index $kept "root-password" | default (randAlphaNum 32 | b64enc) | quote }}
{{- end }}
{{- if eq .Values.database.mode "innodbcluster" }}
rootUser: {{ .Values.database.user | b64enc | quote }}
rootHost: {{ "%" | b64enc | quote }}
rootPassword: {{ $password | b64enc | quote }}
{{- end }}
{{- end }}

{{/*
Secrets made of one generated value, kept for good: the Server Actions key, Better Auth's secret
and the api token key. Each is generated once, then read back with `lookup` on every upgrade
(so an edit made to it in the cluster, such as a second key for a rotation, is kept too), or
taken from an existing Secret named in the values. Call the helpers with
(dict "root" $ "secret" "apiTokenKey").
*/}}

{{/*
Which values configure each one, the suffix of the chart's Secret, its key, and how many random
bytes a fresh value holds, written as base64 text (`randBytes` gives base64): 32 (an AES-256 key
for Next.js; Better Auth's secret, 44 characters) or 48 for the api token key (64 characters on
one line, well over the 32 bytes the api requires).
*/}}
{{- define "todo.kept.spec" -}}
{{- $specs := dict
  "serverActionsKey" (dict "values" .root.Values.web.serverActionsKey "suffix" "server-actions" "key" "key" "bytes" 32)
  "authSecret" (dict "values" .root.Values.auth.secret "suffix" "auth-secret" "key" "secret" "bytes" 32)
  "apiTokenKey" (dict "values" .root.Values.auth.apiTokenKey "suffix" "api-token-key" "key" "key" "bytes" 48) }}
{{- toJson (index $specs .secret) }}
{{- end }}

{{- define "todo.kept.secretName" -}}
{{- $spec := include "todo.kept.spec" . | fromJson }}
{{- default (printf "%s-%s" (include "todo.fullname" .root) $spec.suffix) $spec.values.existingSecret }}
{{- end }}

{{- define "todo.kept.secretKey" -}}
{{- $spec := include "todo.kept.spec" . | fromJson }}
{{- if $spec.values.existingSecret }}
{{- $spec.values.existingSecretKey }}
{{- else }}
{{- $spec.key }}
{{- end }}
{{- end }}

{{/* The data of the chart-made Secret: what the cluster holds, else a fresh value. */}}
{{- define "todo.kept.secretData" -}}
{{- $spec := include "todo.kept.spec" . | fromJson }}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace (include "todo.kept.secretName" .) }}
{{- if and $existing $existing.data (index $existing.data $spec.key) }}
{{ $spec.key }}: {{ index $existing.data $spec.key | quote }}
{{- else }}
{{ $spec.key }}: {{ randBytes (int $spec.bytes) | b64enc | quote }}
{{- end }}
{{- end }}

{{/* Checksum of the Secret, so that the pods reading it roll when it changes. */}}
{{- define "todo.kept.secretChecksum" -}}
{{- $spec := include "todo.kept.spec" . | fromJson }}
{{- if $spec.values.existingSecret }}
{{- (lookup "v1" "Secret" .root.Release.Namespace $spec.values.existingSecret).data | toJson | sha256sum }}
{{- else }}
{{- include "todo.kept.secretData" . | sha256sum }}
{{- end }}
{{- end }}

{{/* The chart-made Secret, unless an existing one is named; call with "component" too. */}}
{{- define "todo.kept.secret" -}}
{{- $spec := include "todo.kept.spec" . | fromJson }}
{{- if not $spec.values.existingSecret }}
---
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "todo.kept.secretName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "todo.componentLabels" (dict "root" .root "component" .component) | nindent 4 }}
type: Opaque
data:
  {{- include "todo.kept.secretData" . | trim | nindent 2 }}
{{- end }}
{{- end }}

{{/*
The Secret as one file: a volume named after it (0440: owner and fsGroup may read; in decimal,
as YAML 1.1 and 1.2 read a leading 0 differently); call with "volume" and "file" too.
*/}}
{{- define "todo.kept.volume" -}}
- name: {{ .volume }}
  secret:
    secretName: {{ include "todo.kept.secretName" . }}
    defaultMode: 288
    items:
      - key: {{ include "todo.kept.secretKey" . }}
        path: {{ .file }}
{{- end }}

{{/*
One checksum over every Secret a component's pods read, so that they roll when any changes;
call with (dict "root" $ "component" "web"): every one reads the database password, web and
the api the token key (the migrator reads only the database settings), web its own secrets.
*/}}
{{- define "todo.pod.secretChecksum" -}}
{{- $root := .root }}
{{- $sums := list (include "todo.db.secretChecksum" $root) }}
{{- $kept := get (dict "api" (list "apiTokenKey") "web" (list "apiTokenKey" "serverActionsKey" "authSecret")) .component | default list }}
{{- range $kept }}
{{- $sums = append $sums (include "todo.kept.secretChecksum" (dict "root" $root "secret" .)) }}
{{- end }}
{{- if and (eq .component "web") $root.Values.auth.oidc.enabled }}
{{- $sums = append $sums ((lookup "v1" "Secret" $root.Release.Namespace $root.Values.auth.oidc.clientSecret.existingSecret).data | toJson | sha256sum) }}
{{- end }}
{{- join "\n" $sums | sha256sum }}
{{- end }}
