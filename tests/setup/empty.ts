// Stands in for the "server-only" package outside Next's server bundle (vitest, scripts).
export {};
