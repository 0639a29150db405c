// graphql-ws publishes `graphql-ws/use/ws` through package exports, which this project's
// moduleResolution ("node") does not read for types; Node resolves it at run time.
declare module 'graphql-ws/use/ws' {
  export * from 'graphql-ws/dist/use/ws';
}
