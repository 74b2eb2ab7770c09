package dev.rowguard.cli.audit;

import picocli.CommandLine.Command;

/** {@code rowguard audit}: verify audit logs and build incident timelines from them. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Verify audit logs, build incident timelines and totals from them.",
    subcommands = {VerifyCommand.class, TimelineCommand.class, StatsCommand.class})
public final class AuditCommand {}
