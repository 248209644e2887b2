/**
 * Server and transport failures -> one sentence that names what failed and says what to do next.
 * Pure: works on the shapes client-node 1.x produces (ApiException with `code` and a JSON `body`;
 * node-fetch's FetchError with a system `code`; an exec plugin's spawn error). Messages are built
 * here, never copied from the raw error, whose text can carry request headers.
 */

export interface ErrorContext {
  context: string;
  server: string;
  user?: string;
  /** The exec credential plugin's command, when the user has one. */
  execCommand?: string;
  /** Where the plugin was looked for, when it was not found. */
  execLooked?: string[];
  namespace?: string;
}

export interface KubeStatus {
  code?: number;
  reason?: string;
  message?: string;
  details?: { name?: string; group?: string; kind?: string; causes?: { type?: string; message?: string; field?: string }[] };
}

/** The k8s Status in an ApiException's body (a JSON string in client-node 1.x), if any. */
export function statusOf(error: unknown): KubeStatus | undefined {
  const body = (error as { body?: unknown } | null)?.body;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as KubeStatus) : undefined;
    } catch {
      return undefined;
    }
  }
  return typeof body === 'object' && body !== null ? (body as KubeStatus) : undefined;
}

/** The HTTP status of an ApiException (or a watch error's statusCode); undefined for transport errors. */
export function httpCode(error: unknown): number | undefined {
  const e = error as { code?: unknown; statusCode?: unknown } | null;
  if (typeof e?.code === 'number') return e.code;
  if (typeof e?.statusCode === 'number') return e.statusCode;
  return undefined;
}

function systemCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown; errno?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

const hostPort = (server: string): string => {
  try {
    const url = new URL(server);
    return `${url.hostname}:${url.port || (url.protocol === 'http:' ? '80' : '443')}`;
  } catch {
    return server;
  }
};

const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved right now',
};

const TLS: Record<string, string> = {
  SELF_SIGNED_CERT_IN_CHAIN: "is signed by a CA this context's certificate-authority does not contain",
  DEPTH_ZERO_SELF_SIGNED_CERT: "is self-signed and not the context's certificate-authority",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "cannot be verified against the context's certificate-authority",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "is signed by a CA this context's certificate-authority does not contain",
  CERT_HAS_EXPIRED: 'has expired',
  CERT_NOT_YET_VALID: 'is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'does not name this host (subjectAltName)',
};

const FORBIDDEN = /cannot (\w+) resource "([^"]+)" in API group "([^"]*)"(?: in the namespace "([^"]+)")?/;

/** What the 403 says: verb, resource (with its group) and namespace. */
export function forbiddenParts(
  status: KubeStatus | undefined,
): { verb: string; resource: string; namespace?: string } | undefined {
  const m = FORBIDDEN.exec(status?.message ?? '');
  if (!m) return undefined;
  return { verb: m[1]!, resource: m[3] ? `${m[2]}.${m[3]}` : m[2]!, ...(m[4] ? { namespace: m[4] } : {}) };
}

/** One sentence for `error` in `ctx`: what failed, and what to do next. */
export function describeClusterError(error: unknown, ctx: ErrorContext): string {
  const code = httpCode(error);
  const status = statusOf(error);
  const where = `context ${ctx.context} (${hostPort(ctx.server)})`;
  if (code === 401) {
    const plugin = ctx.execCommand
      ? ` The credentials come from the exec plugin "${ctx.execCommand}": run it (or log in with its tool) again.`
      : ' Get fresh credentials (log in again, or a new token) and connect again.';
    return `The server of ${where} rejected the credentials of user ${ctx.user || '(none)'} (401 Unauthorized): they have expired or were revoked.${plugin}`;
  }
  if (code === 403) {
    const parts = forbiddenParts(status);
    if (parts)
      return `User ${ctx.user || '(none)'} may not ${parts.verb} ${parts.resource}${parts.namespace ? ` in namespace ${parts.namespace}` : ' (cluster-wide)'} on ${where} (403 Forbidden). Ask the cluster's admin for a Role that allows it, or use another context.`;
    return `The server of ${where} refused the request (403 Forbidden): ${status?.message ?? 'no reason given'}.`;
  }
  if (code === 404 && status?.details?.kind === 'namespaces')
    return `Namespace ${status.details.name ?? ctx.namespace ?? ''} does not exist in ${where}: pick or type another namespace, or create it first.`;
  if (code !== undefined)
    return `The server of ${where} answered ${code}${status?.reason ? ` ${status.reason}` : ''}: ${status?.message ?? 'no message'}.`;
  const sys = systemCode(error);
  if (sys === 'ENOENT' && ctx.execCommand) {
    const looked = ctx.execLooked?.length ? ` Looked in: ${ctx.execLooked.join(', ')}.` : '';
    return `The exec credential plugin "${ctx.execCommand}" of user ${ctx.user} was not found.${looked} Install it, or put its folder on the PATH of your login shell.`;
  }
  if (sys && NETWORK[sys])
    return `Cannot reach ${hostPort(ctx.server)} for ${`context ${ctx.context}`}: ${NETWORK[sys]}. Is the cluster running, and is the server URL in the kubeconfig right?`;
  if (sys && TLS[sys])
    return `TLS to ${hostPort(ctx.server)} failed for context ${ctx.context}: the server's certificate ${TLS[sys]} (${sys}). Check certificate-authority in the kubeconfig, or whether the server URL is the right one.`;
  const message = error instanceof Error ? error.message : String(error);
  // A plain Error's own message is ours or the plugin's (no headers); keep it short.
  return `The request to ${where} failed: ${message.split('\n')[0]!.slice(0, 300)}`;
}
