{{/* The release's full name, also the name of its objects. */}}
{{- define "agent.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "agent.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: agent-{{ .Values.mode }}
{{- end -}}

{{- define "agent.labels" -}}
{{ include "agent.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: dpuplane
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "agent.serviceAccountName" -}}
{{- default (include "agent.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "agent.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* What both modes share in the agent's pod spec. */}}
{{- define "agent.podCommon" -}}
serviceAccountName: {{ include "agent.serviceAccountName" . }}
priorityClassName: {{ .Values.priorityClassName }}
hostNetwork: true
dnsPolicy: ClusterFirstWithHostNet
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* The health probes and the environment both modes share. */}}
{{- define "agent.containerCommon" -}}
image: {{ include "agent.image" . }}
imagePullPolicy: {{ .Values.image.pullPolicy }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: health
  periodSeconds: 10
  failureThreshold: 6
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: health
  periodSeconds: 5
{{- with .Values.resources }}
resources:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "agent.envCommon" -}}
- name: DPUPLANE_AGENT_MODE
  value: {{ .Values.mode | quote }}
- name: DPUPLANE_AGENT_NODE_NAME
  valueFrom:
    fieldRef:
      fieldPath: spec.nodeName
- name: QUARKUS_HTTP_PORT
  value: {{ .Values.healthPort | quote }}
- name: QUARKUS_LOG_CATEGORY__IO_DPUPLANE__LEVEL
  value: {{ .Values.logLevel | quote }}
{{- end -}}
