package dev.rowguard.cli.findings;

/** A located finding with the fingerprint that baselines and code-review tools track it by. */
public record TrackedFinding(Finding finding, String fingerprint) {}
