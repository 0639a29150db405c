import { GraphQLError } from 'graphql';

export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'SERVICE_UNAVAILABLE' | 'TIMEOUT';

function coded(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const badInput = (field: string, message: string) => coded('BAD_USER_INPUT', `${field}: ${message}`, { field });
export const notFound = (what: string, id: string, detail?: string) =>
  coded('NOT_FOUND', `${what} "${id}" does not exist${detail ? `: ${detail}` : ''}`, { id });
export const conflict = (message: string, extensions: Record<string, unknown> = {}) => coded('CONFLICT', message, extensions);
export const unauthenticated = (message: string) => coded('UNAUTHENTICATED', message, { http: { status: 401 } });
export const forbidden = (message: string) => coded('FORBIDDEN', message);
