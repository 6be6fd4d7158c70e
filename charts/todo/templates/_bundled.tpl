{{/*
The bundled MySQL (database.mode=bundled): one pod from the official image. Its name, port and
probes; the objects are in templates/database/.
*/}}

{{- define "todo.bundled.name" -}}
{{- printf "%s-db" (include "todo.fullname" .) }}
{{- end }}

{{- define "todo.bundled.port" -}}3306{{- end }}

{{/*
The data directory is a subdirectory of the volume: a fresh filesystem's lost+found would make
`mysqld --initialize` refuse a non-empty directory.
*/}}
{{- define "todo.bundled.dataDir" -}}/var/lib/mysql/data{{- end }}

{{/*
Ready means what the api needs: the app user logs in over TCP to its database. During the
first start the image initialises with networking off, so this fails until that is done.
The probe runs in the container's environment, which names the user and the password file.
*/}}
{{- define "todo.bundled.loginCheck" -}}
exec:
  command:
    - bash
    - -c
    - >-
      exec mysql --protocol=TCP --host=127.0.0.1 --port={{ include "todo.bundled.port" . }}
      --user="$MYSQL_USER" --password="$(< "$MYSQL_PASSWORD_FILE")"
      --execute="SELECT 1" "$MYSQL_DATABASE"
{{- end }}
