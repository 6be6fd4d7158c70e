{{/* Container environment of api and web. */}}

{{- define "todo.api.url" -}}
{{- printf "http://%s:%d" (include "todo.componentName" (dict "root" . "component" "api")) (int .Values.api.service.port) }}
{{- end }}

{{- define "todo.web.env" -}}
{{- $serverActionsKey := dict "root" . "secret" "serverActionsKey" -}}
- name: HOSTNAME
  value: "0.0.0.0"
- name: API_URL
  value: {{ include "todo.api.url" . | quote }}
- name: API_TIMEOUT_MS
  value: {{ .Values.web.apiTimeoutMs | quote }}
- name: NODE_OPTIONS
  value: {{ printf "--max-old-space-size=%d" (int .Values.web.maxHeapMiB) | quote }}
- name: NEXT_SERVER_ACTIONS_ENCRYPTION_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "todo.kept.secretName" $serverActionsKey }}
      key: {{ include "todo.kept.secretKey" $serverActionsKey }}
{{ include "todo.db.connectionEnv" . }}
{{ include "todo.web.authEnv" . }}
{{- end }}

{{- define "todo.api.env" -}}
{{ include "todo.db.env" . }}
{{ include "todo.apiTokenKey.env" . }}
- name: DB_POOL_SIZE
  value: {{ .Values.api.dbPoolSize | quote }}
- name: LOG_LEVEL
  value: {{ .Values.api.logLevel | quote }}
- name: SHUTDOWN_TIMEOUT_MS
  value: {{ .Values.api.shutdownTimeoutMs | quote }}
{{- end }}
