/**
 * The simulated cluster's public surface. Everything outside src/sim (kubectl, the store, lessons)
 * imports from here and nowhere deeper.
 */
export { Cluster, createCluster, DEFAULT_NODE_SIZE, DEFAULT_START_TIME_MS } from './cluster.ts';
export type { ClusterOptions, NodeOptions } from './cluster.ts';
export type { ApiServer, DeleteOptions, RequestOptions } from './api/apiServer.ts';
export type { FieldValidation } from './api/validation/decodeRequest.ts';
export { validateObject } from './api/validation/validateObject.ts';
export type { ValidationProblem } from './api/validation/validateObject.ts';
export {
  jsonSchemaFor,
  kubernetesJsonSchema,
  loadSchemaDescriptions,
} from './api/openapi/jsonSchema.ts';
export type { JsonSchema, SchemaDescriptions } from './api/openapi/jsonSchema.ts';
export { NAME_ALPHABET } from './api/apiServer.ts';
export { ApiError, isApiError, formatFieldError } from './api/statusErrors.ts';
export type { FieldError, StatusReason } from './api/statusErrors.ts';
export {
  RESOURCE_TYPES,
  apiVersionOf,
  qualifiedResource,
  resourceTypeByKey,
  resourceTypeForKind,
} from './api/resourceTypes.ts';
export type { ResourceType } from './api/resourceTypes.ts';
export type { ChangeLogEntry } from './api/changeLog.ts';
export type { WatchEvent } from './api/watch.ts';
export type * from './api/types/index.ts';
export {
  parseSelector,
  matchesSelector,
  labelSelectorMatches,
  formatLabelSelector,
  SelectorParseError,
} from './api/labels.ts';
export type { Selector } from './api/labels.ts';
export { parseQuantity, milliCpu, bytes, formatMilliCpu, formatBytes } from './api/quantity.ts';
export { formatTaint } from './api/helpers/taints.ts';
export { podRequests } from './api/helpers/resources.ts';
export { formatRfc3339, formatRfc1123Z, parseRfc3339 } from './clock/timeFormat.ts';
export { INGRESS_ADDRESS } from './network/loadBalancerController.ts';
export type { FlowSpec, FlowState } from './network/trafficFlows.ts';
export type { ServiceTraffic } from './network/trafficStats.ts';
export type { DeliveryRecord } from './network/clusterNetwork.ts';
export { renderProxyRules } from './proxy/proxyRules.ts';
export type {
  BatchResult,
  DnsAnswer,
  HttpResult,
  NodeMetricsSample,
  PodMetricsSample,
  RequestOrigin,
} from './client/clusterServices.ts';
export type { ExecResult, LogsResult } from './kubelet/kubelet.ts';
export type { LogLine } from './kubelet/process/containerLog.ts';
export type {
  SchedulingAttempt,
  NodeVerdict,
  PluginScore,
  Rejection,
  PreemptionRecord,
} from './scheduler/schedulingRecord.ts';
export type { Scheduler, SchedulerOptions } from './scheduler/scheduler.ts';
export type { Suggestion } from './scheduler/explain/whatWouldHelp.ts';
