/** One file of the repository tree: path, blob sha (same sha, same content) and size in bytes. */
export interface TreeFile {
  path: string;
  sha: string;
  size: number;
}

export interface Column {
  name: string;
  type: string;
}

/** A table as the data model defines it now (migrations folded in order, or a schema file). */
export interface Table {
  name: string;
  columns: Column[];
  /** Indexed column lists, e.g. `email` or `user_id, created_at`. */
  indexes: string[];
  /** The file that defines it last (schema, model or the latest migration touching it). */
  source: string;
}

export interface Route {
  method: string;
  path: string;
  file: string;
  line?: number;
}

/** A named declaration found in a file that was read: function, class, model. */
export interface SymbolRef {
  name: string;
  kind: 'function' | 'class' | 'model' | 'table';
  path: string;
  line: number;
}

/** A conventions file (AGENTS.md, CONTRIBUTING.md ...): sanitised excerpt. */
export interface ConventionsFile {
  path: string;
  text: string;
}

/**
 * What the architect knows of a repository before reading the issue: stack, data model, API surface,
 * conventions and where things live. Built from one tree listing and a bounded number of file reads;
 * every string in it came from the repository and is untrusted data.
 */
export interface RepoMap {
  /** Tree sha it was built from, when known (the map is cached by it). */
  treeSha?: string;
  fileCount: number;
  /** The tree listing was cut by GitHub (too many entries): paths past the cut are unknown. */
  truncated: boolean;
  /** Languages by file count, most first. */
  languages: { name: string; files: number }[];
  /** Frameworks and notable libraries, by display name (Express, Django, Knex ...). */
  frameworks: string[];
  dataStores: string[];
  orms: string[];
  /** Lockfiles and manifests seen (package-lock.json, go.sum ...). */
  manifests: string[];
  tables: Table[];
  routes: Route[];
  openapi: string[];
  conventions: ConventionsFile[];
  /** Where pieces live: `migrations` → `db/migrations`, `routes` → `src/routes` ... */
  layout: Record<string, string>;
  /** Every file path of the tree (searched for related files and by the tools; not rendered whole). */
  paths: string[];
  /** Path → blob sha, for reads by the tools. */
  shas: Record<string, string>;
  symbols: SymbolRef[];
  /** Text of the files that were read, by path (sanitised, bounded), for callers and the tools. */
  texts: Record<string, string>;
  /** Files the map wanted but did not read, with the reason (read budget, size). */
  notRead: { path: string; reason: string }[];
  /** Cost of building it: GitHub requests (tree + blob reads) and blob cache hits. */
  cost: { requests: number; reads: number; cacheHits: number; fromCache: boolean };
}

/** Where a map reads from: GitHub's tree and blobs, or the working tree in the CLI. */
export interface MapSource {
  tree(): Promise<{ sha?: string; files: TreeFile[]; truncated: boolean }>;
  /** Text of a file; undefined when it cannot be read. `cached` says no request was made. */
  read(file: TreeFile): Promise<{ text: string; cached: boolean } | undefined>;
  /** Requests made so far (tree and reads). */
  requests(): number;
}
