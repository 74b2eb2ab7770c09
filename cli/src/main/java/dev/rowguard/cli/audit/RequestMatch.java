package dev.rowguard.cli.audit;

/**
 * The HTTP request a delete was made in, and whether its request id (rather than host and time)
 * said so.
 */
record RequestMatch(AccessEntry request, boolean byId) {}
