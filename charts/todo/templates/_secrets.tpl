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
