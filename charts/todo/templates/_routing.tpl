{{/* Routing to web: the event stream's path and the HTTPRoute's timeouts. */}}

{{/* web's live-updates stream (Server-Sent Events), a response that stays open. */}}
{{- define "todo.web.eventsPath" -}}/events{{- end }}

{{/* A Gateway API Duration ("1h30m", "500ms", "0s") in milliseconds. */}}
{{- define "todo.gateway.durationMs" -}}
{{- $ms := 0 }}
{{- range regexFindAll "[0-9]+(ms|h|m|s)" . -1 }}
{{- $number := regexFind "^[0-9]+" . | int }}
{{- $unit := trimPrefix (regexFind "^[0-9]+" .) . }}
{{- $ms = add $ms (mul $number (get (dict "h" 3600000 "m" 60000 "s" 1000 "ms" 1) $unit)) }}
{{- end }}
{{- $ms }}
{{- end }}

{{/*
A rule's timeouts as the HTTPRoute CRD checks them (a CEL rule a schema cannot say): the backend
request timeout may not exceed the request timeout, unless that is 0s (none). Call with
(dict "timeouts" $rule.timeouts "where" "gateway.rules[0].timeouts").
*/}}
{{- define "todo.gateway.checkTimeouts" -}}
{{- with .timeouts }}
{{- if and .request .backendRequest }}
{{- $request := include "todo.gateway.durationMs" .request | int64 }}
{{- $backend := include "todo.gateway.durationMs" .backendRequest | int64 }}
{{- if and (gt $request 0) (gt $backend $request) }}
{{- fail (printf "%s: backendRequest (%s) must not exceed request (%s) unless request is 0s" $.where .backendRequest .request) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
