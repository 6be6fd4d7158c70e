{{/* Names and contents of the Secrets the chart makes (unless existing ones are named). */}}

{{/*
Secret data of the chart-made database Secret. A password left empty is generated once and
read back with `lookup` on upgrades, so it never changes under a running database.
*/}}
{{- define "todo.db.secretData" -}}
{{- $name := include "todo.db.secretName" . }}
{{- $existing := lookup "v1" "Secret" .Release.Namespace $name }}
{{- $password := .Values.database.password }}
{{- if not $password }}
{{- if and $existing $existing.data (index $existing.data "password") }}
{{- $password = index $existing.data "password" | b64dec }}
{{- else }}
{{- $password = randAlphaNum 32 }}
{{- end }}
{{- end }}
password: {{ $password | b64enc | quote }}
{{- if .Values.innodbcluster.enabled }}
rootUser: {{ .Values.database.user | b64enc | quote }}
rootHost: {{ "%" | b64enc | quote }}
rootPassword: {{ $password | b64enc | quote }}
{{- end }}
{{- end }}

{{- define "todo.serverActionsKey.secretName" -}}
{{- default (printf "%s-server-actions" (include "todo.fullname" .)) .Values.web.serverActionsKey.existingSecret }}
{{- end }}

{{- define "todo.serverActionsKey.secretKey" -}}
{{- if .Values.web.serverActionsKey.existingSecret }}
{{- .Values.web.serverActionsKey.existingSecretKey }}
{{- else }}
{{- print "key" }}
{{- end }}
{{- end }}

{{/*
Next.js needs the same AES-256 key on every replica and across rollouts, or Server Actions of
a page rendered by one pod fail on another. Generated once (32 random bytes, base64), then read
back with `lookup` on every upgrade.
*/}}
{{- define "todo.serverActionsKey.secretData" -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "todo.serverActionsKey.secretName" .) }}
{{- if and $existing $existing.data (index $existing.data "key") }}
key: {{ index $existing.data "key" | quote }}
{{- else }}
key: {{ randBytes 32 | b64enc | quote }}
{{- end }}
{{- end }}

{{/* Checksum of the key's Secret, so that web pods roll when it changes. */}}
{{- define "todo.serverActionsKey.secretChecksum" -}}
{{- if .Values.web.serverActionsKey.existingSecret }}
{{- (lookup "v1" "Secret" .Release.Namespace .Values.web.serverActionsKey.existingSecret).data | toJson | sha256sum }}
{{- else }}
{{- include "todo.serverActionsKey.secretData" . | sha256sum }}
{{- end }}
{{- end }}
