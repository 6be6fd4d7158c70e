{{/* Container environment of api and web. */}}

{{- define "todo.api.url" -}}
{{- printf "http://%s:%d" (include "todo.componentName" (dict "root" . "component" "api")) (int .Values.api.service.port) }}
{{- end }}

{{- define "todo.web.env" -}}
- name: HOSTNAME
  value: "0.0.0.0"
- name: API_URL
  value: {{ include "todo.api.url" . | quote }}
- name: API_TIMEOUT_MS
  value: {{ .Values.web.apiTimeoutMs | quote }}
- name: TRUST_PROXY_HEADERS
  value: {{ .Values.web.trustProxyHeaders | quote }}
- name: NODE_OPTIONS
  value: {{ printf "--max-old-space-size=%d" (int .Values.web.maxHeapMiB) | quote }}
- name: NEXT_SERVER_ACTIONS_ENCRYPTION_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "todo.serverActionsKey.secretName" . }}
      key: {{ include "todo.serverActionsKey.secretKey" . }}
{{- end }}

{{- define "todo.api.env" -}}
{{ include "todo.db.env" . }}
- name: DB_POOL_SIZE
  value: {{ .Values.api.dbPoolSize | quote }}
- name: LOG_LEVEL
  value: {{ .Values.api.logLevel | quote }}
- name: SHUTDOWN_TIMEOUT_MS
  value: {{ .Values.api.shutdownTimeoutMs | quote }}
{{- end }}
