{{/* Where the api finds its database, and how the password reaches it (always a file). */}}

{{/* InnoDBCluster name: the CRD allows at most 40 characters. */}}
{{- define "todo.innodbcluster.name" -}}
{{- printf "%s-mysql" (include "todo.fullname" . | trunc 34 | trimSuffix "-") }}
{{- end }}

{{- define "todo.db.secretName" -}}
{{- default (printf "%s-db-password" (include "todo.fullname" .)) .Values.database.existingSecret }}
{{- end }}

{{- define "todo.db.secretKey" -}}
{{- if .Values.database.existingSecret }}
{{- .Values.database.existingSecretPasswordKey }}
{{- else }}
{{- print "password" }}
{{- end }}
{{- end }}

{{/* The router Service of the cluster answers read-write on 6446 and read-only on 6447. */}}
{{- define "todo.db.host" -}}
{{- if .Values.innodbcluster.enabled }}
{{- include "todo.innodbcluster.name" . }}
{{- else }}
{{- .Values.database.host }}
{{- end }}
{{- end }}

{{- define "todo.db.port" -}}
{{- if .Values.innodbcluster.enabled }}6446{{ else }}{{ .Values.database.port }}{{ end }}
{{- end }}

{{/* Read-only URL without a password: the api reuses the mounted one. */}}
{{- define "todo.db.readUrl" -}}
{{- $db := .Values.database }}
{{- if .Values.innodbcluster.enabled }}
{{- printf "mysql://%s@%s:6447/%s" $db.user (include "todo.innodbcluster.name" .) $db.name }}
{{- else if $db.readHost }}
{{- printf "mysql://%s@%s:%d/%s" $db.user $db.readHost (int $db.readPort) $db.name }}
{{- end }}
{{- end }}

{{/* Ports the api and the migrator open towards the database (for NetworkPolicy egress). */}}
{{- define "todo.db.egressPorts" -}}
{{- if .Values.innodbcluster.enabled }}
- protocol: TCP
  port: 6446
- protocol: TCP
  port: 6447
{{- else }}
- protocol: TCP
  port: {{ .Values.database.port }}
{{- if and .Values.database.readHost (ne (int .Values.database.readPort) (int .Values.database.port)) }}
- protocol: TCP
  port: {{ .Values.database.readPort }}
{{- end }}
{{- end }}
{{- end }}

{{- define "todo.db.passwordDir" -}}/var/run/secrets/todo/db{{- end }}

{{/* Environment shared by the api container, its migration initContainer and the migration Job. */}}
{{- define "todo.db.env" -}}
- name: DB_HOST
  value: {{ include "todo.db.host" . | quote }}
- name: DB_PORT
  value: {{ include "todo.db.port" . | quote }}
- name: DB_USER
  value: {{ .Values.database.user | quote }}
- name: DB_NAME
  value: {{ .Values.database.name | quote }}
- name: DB_PASSWORD_FILE
  value: {{ printf "%s/password" (include "todo.db.passwordDir" .) | quote }}
{{- with include "todo.db.readUrl" . }}
- name: DATABASE_READ_URL
  value: {{ . | quote }}
{{- end }}
- name: MIGRATE_TIMEOUT_SECONDS
  value: {{ .Values.migrations.timeoutSeconds | quote }}
{{- end }}

{{- define "todo.db.volumeMount" -}}
- name: db-password
  mountPath: {{ include "todo.db.passwordDir" . }}
  readOnly: true
{{- end }}

{{- define "todo.db.volume" -}}
- name: db-password
  secret:
    secretName: {{ include "todo.db.secretName" . }}
    # 0440 (owner and fsGroup may read), in decimal: YAML 1.1 and 1.2 read a leading 0 differently.
    defaultMode: 288
    items:
      - key: {{ include "todo.db.secretKey" . }}
        path: password
{{- end }}

{{/* Checksum of the password Secret, so that the pods reading it roll when it changes. */}}
{{- define "todo.db.secretChecksum" -}}
{{- if .Values.database.existingSecret }}
{{- (lookup "v1" "Secret" .Release.Namespace .Values.database.existingSecret).data | toJson | sha256sum }}
{{- else }}
{{- include "todo.db.secretData" . | sha256sum }}
{{- end }}
{{- end }}
