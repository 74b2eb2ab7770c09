package dev.rowguard.cli.audit;

import picocli.CommandLine.Command;

/** {@code rowguard audit}: verify audit logs and build incident timelines from them. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Verify audit logs, build incident timelines and totals from them, and restore plans.",
    subcommands = {
      VerifyCommand.class,
      TimelineCommand.class,
      StatsCommand.class,
      RestorePlanCommand.class
    })
public final class AuditCommand {}
