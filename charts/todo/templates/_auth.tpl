{{/*
Accounts: web signs people in (Better Auth, sessions in the database) and calls the api with
short-lived tokens signed with the api token key. What web and api get for that: files from
Secrets (never environment values), the public URL, and the OpenID Connect settings.
*/}}

{{- define "todo.apiTokenKey.path" -}}/var/run/secrets/todo/api-token/key{{- end }}
{{- define "todo.authSecret.path" -}}/var/run/secrets/todo/auth/secret{{- end }}
{{- define "todo.oidc.clientSecretPath" -}}/var/run/secrets/todo/oidc/client-secret{{- end }}

{{/* The api token key: web signs with its first line, the api accepts any of its lines. */}}
{{- define "todo.apiTokenKey.env" -}}
- name: API_TOKEN_KEY_FILE
  value: {{ include "todo.apiTokenKey.path" . | quote }}
{{- end }}

{{- define "todo.apiTokenKey.volumeMount" -}}
- name: api-token-key
  mountPath: {{ include "todo.apiTokenKey.path" . | dir }}
  readOnly: true
{{- end }}

{{- define "todo.apiTokenKey.volume" -}}
{{ include "todo.kept.volume" (dict "root" . "secret" "apiTokenKey" "volume" "api-token-key" "file" (include "todo.apiTokenKey.path" . | base)) }}
{{- end }}

{{/* A host PUBLIC_URL can be made from: a wildcard names no one origin. */}}
{{- define "todo.web.derivableHost" -}}
{{- if hasPrefix "*" .host }}
{{- fail (printf "web.publicUrl is needed: PUBLIC_URL cannot be derived from the wildcard host %s (%s); set web.publicUrl to the address browsers use, e.g. https://todo.example.com" .host .from) }}
{{- end }}
{{- .host }}
{{- end }}

{{/*
PUBLIC_URL, the origin browsers use: `web.publicUrl`, else the first Ingress host (https when a
TLS block lists it, by name or by a wildcard, or lists no hosts at all), else the first HTTPRoute
hostname (https: a Gateway terminates TLS on its listener, which the route cannot see). With
`routing: none` it is empty and the web uses its default. A route without a host to derive it
from is refused rather than left to a default that would break sign-in.
*/}}
{{- define "todo.web.publicUrl" -}}
{{- if .Values.web.publicUrl }}
{{- trimSuffix "/" .Values.web.publicUrl }}
{{- else if eq .Values.routing "ingress" }}
{{- $host := include "todo.web.derivableHost" (dict "host" (first .Values.ingress.hosts).host "from" "the first of ingress.hosts") }}
{{- $https := false }}
{{- range .Values.ingress.tls }}
{{- if or (not .hosts) (has $host .hosts) (has (regexReplaceAll "^[^.]+" $host "*") .hosts) }}
{{- $https = true }}
{{- end }}
{{- end }}
{{- printf "%s://%s" (ternary "https" "http" $https) $host }}
{{- else if eq .Values.routing "gateway" }}
{{- with .Values.gateway.hostnames }}
{{- printf "https://%s" (include "todo.web.derivableHost" (dict "host" (first .) "from" "the first of gateway.hostnames")) }}
{{- else }}
{{- fail "web.publicUrl is needed: the HTTPRoute has no gateway.hostnames to derive PUBLIC_URL from; set web.publicUrl to the address browsers use (e.g. https://todo.example.com) or list gateway.hostnames" }}
{{- end }}
{{- end }}
{{- end }}

{{/* What web needs for accounts beyond the database: files, its public URL, OIDC. */}}
{{- define "todo.web.authEnv" -}}
{{ include "todo.apiTokenKey.env" . }}
- name: AUTH_SECRET_FILE
  value: {{ include "todo.authSecret.path" . | quote }}
{{- with include "todo.web.publicUrl" . }}
- name: PUBLIC_URL
  value: {{ . | quote }}
{{- end }}
- name: TRUST_PROXY_HEADERS
  value: {{ .Values.web.trustProxyHeaders | quote }}
{{- with .Values.auth.oidc }}
{{- if .enabled }}
- name: OIDC_ISSUER
  value: {{ .issuer | quote }}
- name: OIDC_CLIENT_ID
  value: {{ .clientId | quote }}
- name: OIDC_CLIENT_SECRET_FILE
  value: {{ include "todo.oidc.clientSecretPath" $ | quote }}
{{- with .name }}
- name: OIDC_NAME
  value: {{ . | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{- define "todo.web.authVolumeMounts" -}}
{{ include "todo.apiTokenKey.volumeMount" . }}
- name: auth-secret
  mountPath: {{ include "todo.authSecret.path" . | dir }}
  readOnly: true
{{- if .Values.auth.oidc.enabled }}
- name: oidc-client-secret
  mountPath: {{ include "todo.oidc.clientSecretPath" . | dir }}
  readOnly: true
{{- end }}
{{- end }}

{{- define "todo.web.authVolumes" -}}
{{ include "todo.apiTokenKey.volume" . }}
{{ include "todo.kept.volume" (dict "root" . "secret" "authSecret" "volume" "auth-secret" "file" (include "todo.authSecret.path" . | base)) }}
{{- with .Values.auth.oidc }}
{{- if .enabled }}
- name: oidc-client-secret
  secret:
    secretName: {{ .clientSecret.existingSecret }}
    defaultMode: 288
    items:
      - key: {{ .clientSecret.key }}
        path: {{ include "todo.oidc.clientSecretPath" $ | base }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The NetworkPolicy egress rule of web towards the OIDC provider (discovery, keys, token
endpoint): TCP 443, and the issuer's own port when it names one, to `auth.oidc.egressCIDRs`.
*/}}
{{- define "todo.oidc.egressRule" -}}
{{- $oidc := .Values.auth.oidc }}
{{- $ports := list 443 }}
{{- with regexFind ":[0-9]+$" (urlParse $oidc.issuer).host }}
{{- $ports = append $ports (trimPrefix ":" . | int) | uniq }}
{{- end }}
to:
  {{- range $oidc.egressCIDRs }}
  - ipBlock:
      cidr: {{ . }}
  {{- end }}
ports:
  {{- range $ports }}
  - protocol: TCP
    port: {{ . }}
  {{- end }}
{{- end }}
