{{/*
Where the api and web find the database in each `database.mode`, and how the password reaches
them (always a file). web, the api container, its initContainer and the migration Job use these.
*/}}

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

{{/* Key of the bundled MySQL's root password in the database Secret. */}}
{{- define "todo.db.rootSecretKey" -}}
{{- if .Values.database.existingSecret }}
{{- .Values.database.existingSecretRootPasswordKey }}
{{- else }}
{{- print "root-password" }}
{{- end }}
{{- end }}

{{/*
The database host. `database.host` and `database.readHost` name an external database; given in
another mode they would be silently ignored, so they are refused with a way out.
*/}}
{{- define "todo.db.host" -}}
{{- $db := .Values.database }}
{{- if ne $db.mode "external" }}
{{- range $key := list "host" "readHost" }}
{{- with index $db $key }}
{{- fail (printf "database.%s (%s) is only read with database.mode=external, and database.mode is %s: set database.mode=external to use that database, or leave database.%s empty" $key . $db.mode $key) }}
{{- end }}
{{- end }}
{{- end }}
{{- if eq $db.mode "innodbcluster" }}
{{- include "todo.innodbcluster.name" . }}
{{- else if eq $db.mode "bundled" }}
{{- include "todo.bundled.name" . }}
{{- else }}
{{- $db.host }}
{{- end }}
{{- end }}

{{/* The router Service of an InnoDBCluster answers read-write on 6446 and read-only on 6447. */}}
{{- define "todo.db.port" -}}
{{- if eq .Values.database.mode "innodbcluster" }}6446
{{- else if eq .Values.database.mode "bundled" }}{{ include "todo.bundled.port" . }}
{{- else }}{{ .Values.database.port }}
{{- end }}
{{- end }}

{{/* Read-only URL without a password: the api reuses the mounted one. */}}
{{- define "todo.db.readUrl" -}}
{{- $db := .Values.database }}
{{- if eq $db.mode "innodbcluster" }}
{{- printf "mysql://%s@%s:6447/%s" $db.user (include "todo.innodbcluster.name" .) $db.name }}
{{- else if and (eq $db.mode "external") $db.readHost }}
{{- printf "mysql://%s@%s:%d/%s" $db.user $db.readHost (int $db.readPort) $db.name }}
{{- end }}
{{- end }}

{{/*
The NetworkPolicy egress rule of web, the api and the migrator towards the database: the bundled
pod itself, or the database ports at `networkPolicy.databasePeers` (any address when empty).
*/}}
{{- define "todo.db.egressRule" -}}
{{- $db := .Values.database }}
{{- if eq $db.mode "bundled" }}
to:
  - podSelector:
      matchLabels:
        {{- include "todo.componentSelectorLabels" (dict "root" . "component" "database") | nindent 8 }}
ports:
  - protocol: TCP
    port: {{ include "todo.bundled.port" . }}
{{- else }}
{{- with .Values.networkPolicy.databasePeers }}
to:
  {{- toYaml . | nindent 2 }}
{{- end }}
ports:
{{- if eq $db.mode "innodbcluster" }}
  - protocol: TCP
    port: 6446
  - protocol: TCP
    port: 6447
{{- else }}
  - protocol: TCP
    port: {{ $db.port }}
{{- if and $db.readHost (ne (int $db.readPort) (int $db.port)) }}
  - protocol: TCP
    port: {{ $db.readPort }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{- define "todo.db.passwordDir" -}}/var/run/secrets/todo/db{{- end }}

{{/* How web and api (and the migrator) log in to the primary: the same in every container. */}}
{{- define "todo.db.connectionEnv" -}}
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
{{- end }}

{{/* Environment shared by the api container, its migration initContainer and the migration Job. */}}
{{- define "todo.db.env" -}}
{{ include "todo.db.connectionEnv" . }}
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


{{/* The app's password only: the bundled MySQL's root password never reaches api pods. */}}
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
