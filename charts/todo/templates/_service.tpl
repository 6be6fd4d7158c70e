{{/*
A component's Service: its pods' `http` port behind `service.port`. Call with
(dict "root" $ "component" "web" "type" "NodePort" "nodePort" 30080); nodePort may be left out.
*/}}
{{- define "todo.service" -}}
{{- $service := (index .root.Values .component).service }}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "todo.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "todo.componentLabels" . | nindent 4 }}
  {{- with $service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .type }}
  selector:
    {{- include "todo.componentSelectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ $service.port }}
      targetPort: http
      protocol: TCP
      {{- with .nodePort }}
      nodePort: {{ . }}
      {{- end }}
{{- end }}
