import { LRUCache } from 'lru-cache';
import type { RepoMap } from '../domain/RepoMap.js';

/**
 * What the map reuses across events: blob texts by sha (the same sha is the same content, so they never go
 * stale) and whole maps by tree sha. Bounded by size, least recently used dropped first.
 */
export interface RepoMapCache {
  blobs: LRUCache<string, string>;
  maps: LRUCache<string, RepoMap>;
}

export function createRepoMapCache(options: { blobBytes?: number; maps?: number } = {}): RepoMapCache {
  return {
    blobs: new LRUCache<string, string>({ maxSize: options.blobBytes ?? 32 * 1024 * 1024, sizeCalculation: (text) => Math.max(1, text.length) }),
    maps: new LRUCache<string, RepoMap>({ max: options.maps ?? 200 }),
  };
}

let shared: RepoMapCache | undefined;

/** One cache for the life of the process (the app serves every installation from it). */
export function sharedRepoMapCache(): RepoMapCache {
  shared ??= createRepoMapCache();
  return shared;
}
