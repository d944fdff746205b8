/**
 * Why the caches are opened. `build`: a one-off build, which writes what it used and keeps nothing
 * in memory. `serve`: a process that builds again, which keeps its caches in memory between builds
 * and claims what its last build used until it exits (claims.ts). `check`: only reads; nothing is
 * written, encoded or pruned.
 */
export type Purpose = "build" | "serve" | "check";
