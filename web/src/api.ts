import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/** An error the server answered with; `message` is the server's own text. */
export class ApiError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

/** Sends one typed operation to /graphql; throws the server's first error message. */
export async function request<R, V>(
  document: DocumentTypeDecoration<R, V>,
  variables: V,
  token?: string,
): Promise<R> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: String(document), variables }) });
  } catch (error) {
    throw new ApiError(`The server cannot be reached (${(error as Error).message}).`);
  }
  let body: { data?: R | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText}.`);
  }
  if (body.errors?.length) throw new ApiError(body.errors[0].message, body.errors[0].extensions?.code);
  if (!body.data) throw new ApiError(`The server answered ${response.status} without data.`);
  return body.data;
}
