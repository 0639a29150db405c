import { DEFAULT_LIMITS, Limits } from '../src/config';

/**
 * The API's default limits, except the per-client concurrency: the load generator is one client
 * (one address) holding up to 16 connections, which CLIENT_MAX_CONCURRENT_REQUESTS (8) would refuse.
 */
export const BENCH_LIMITS: Limits = { ...DEFAULT_LIMITS, clientMaxConcurrentRequests: 49 };
