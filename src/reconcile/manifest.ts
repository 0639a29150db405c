import { RECON_TYPES } from './catalog';

/** The service manifests of the two versions: 0.2 at /reconcile, 1.0-draft at /reconcile/1.0. */

export const SERVICE_NAME = 'HonorGraph';
/** Queries in one batch; a larger batch gets 413. */
export const BATCH_SIZE = 20;
export const PREVIEW_SIZE = { width: 400, height: 200 } as const;

const defaultTypes = () => RECON_TYPES.map(({ id, name }) => ({ id, name }));

/** Swagger's api-key scheme: a bearer token in Authorization, when reads need one. */
const authentication = (readsRequireAuth: boolean) =>
  readsRequireAuth ? { authentication: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Bearer <token> (READS_REQUIRE_AUTH is on)' } } : {};

/** `origin` is the server's own origin as the request reached it (http://host:port). */
export function manifest02(origin: string, readsRequireAuth: boolean) {
  const root = `${origin}/reconcile`;
  return {
    versions: ['0.2'],
    name: SERVICE_NAME,
    identifierSpace: `${origin}/id/`,
    schemaSpace: `${origin}/schema/`,
    view: { url: `${origin}/?node={{id}}` },
    defaultTypes: defaultTypes(),
    batchSize: BATCH_SIZE,
    ...authentication(readsRequireAuth),
    preview: { url: `${root}/preview?id={{id}}`, ...PREVIEW_SIZE },
    suggest: {
      entity: { service_url: root, service_path: '/suggest/entity' },
      type: { service_url: root, service_path: '/suggest/type' },
      property: { service_url: root, service_path: '/suggest/property' },
    },
    extend: {
      propose_properties: { service_url: root, service_path: '/propose_properties' },
      property_settings: [],
    },
  };
}

export function manifest10(origin: string, readsRequireAuth: boolean) {
  return {
    versions: ['1.0-draft'],
    name: SERVICE_NAME,
    view: { url: `${origin}/?node={id}` },
    defaultTypes: defaultTypes(),
    batchSize: BATCH_SIZE,
    ...authentication(readsRequireAuth),
    preview: { ...PREVIEW_SIZE },
    suggest: { entity: true, type: true, property: true },
    extend: { proposeProperties: true, propertySettings: [] },
    standardizedScore: true,
  };
}
