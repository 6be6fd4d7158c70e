{{/*
Why the HPA bounds of a component are wrong, or nothing when they are fine: JSON Schema
cannot compare two fields, so the template does. Call with
(dict "component" "api" "autoscaling" .Values.api.autoscaling).
*/}}
{{- define "todo.autoscaling.boundsError" -}}
{{- if gt (int .autoscaling.minReplicas) (int .autoscaling.maxReplicas) }}
{{- printf "%s.autoscaling.minReplicas (%v) must not exceed %s.autoscaling.maxReplicas (%v)" .component .autoscaling.minReplicas .component .autoscaling.maxReplicas }}
{{- end }}
{{- end }}
