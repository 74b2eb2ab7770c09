package dev.rowguard.cli.schema;

import picocli.CommandLine.Command;

/** {@code rowguard schema}: checks of the schema an application's migrations build. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "Checks the schema that Flyway migrations and Liquibase changelogs build.",
    subcommands = {SchemaCheckCommand.class})
public final class SchemaCommand {}
