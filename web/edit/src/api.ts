import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { currentToken } from './session';

/** An error the server answered with: its own message, code and (for BAD_USER_INPUT) the field it concerns. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly field?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** What an editor reads for each code, before the server's own message. */
const PLAIN: Record<string, string> = {
  BAD_USER_INPUT: '输入有误 Invalid input',
  NOT_FOUND: '找不到 Not found',
  CONFLICT: '冲突 Conflict',
  UNAUTHENTICATED: '请先登录 Please sign in',
  FORBIDDEN: '无权操作 Not allowed for your role',
  TIMEOUT: '超时 Timed out',
  SERVICE_UNAVAILABLE: '服务暂不可用 Service unavailable',
};

/** "冲突 Conflict: <server message>" */
export const plainMessage = (error: unknown): string => {
  if (error instanceof ApiError) return error.code && PLAIN[error.code] ? `${PLAIN[error.code]}: ${error.message}` : error.message;
  return (error as Error)?.message ?? String(error);
};

/**
 * The message for one input field, when the error concerns it: the server names the field in
 * `extensions.field` ("input.name", "name", "rows[3].year"); `names` lists the paths that count as
 * this field.
 */
export function fieldError(error: unknown, ...names: string[]): string | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  const field = error.field;
  const hit = names.some((name) => field === name || field.endsWith(`.${name}`) || field.startsWith(`${name}.`) || field.startsWith(`${name}[`));
  return hit ? error.message : null;
}

/** Sends one typed operation to /graphql with the session's token; throws ApiError with the server's first error. */
export async function request<R, V>(document: DocumentTypeDecoration<R, V>, variables: V, token: string | null = currentToken()): Promise<R> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: String(document), variables }) });
  } catch (error) {
    throw new ApiError(`The server cannot be reached (${(error as Error).message}).`);
  }
  let body: { data?: R | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText}.`);
  }
  const first = body.errors?.[0];
  if (first) {
    const extensions = first.extensions ?? {};
    throw new ApiError(first.message, extensions.code as string | undefined, extensions.field as string | undefined, extensions);
  }
  if (!body.data) throw new ApiError(`The server answered ${response.status} without data.`);
  return body.data;
}

/** POSTs a body to one of the server's routes (e.g. /ingest) with the session's token; answers its JSON. */
export async function post<T>(path: string, body: BodyInit, contentType?: string, token: string | null = currentToken()): Promise<T> {
  const headers: Record<string, string> = {};
  if (contentType) headers['content-type'] = contentType;
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, { method: 'POST', headers, body });
  const json = (await response.json().catch(() => null)) as any;
  if (!response.ok) {
    const first = json?.errors?.[0];
    throw new ApiError(first?.message ?? `The server answered ${response.status}.`, first?.extensions?.code, first?.extensions?.field, first?.extensions ?? {});
  }
  return json as T;
}
