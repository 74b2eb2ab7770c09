package dev.rowguard.cli.audit;

/** What the timeline marks as unusual; {@link #code()} is the marker shown next to the entry. */
enum Anomaly {
  NO_WHERE("NO-WHERE", "a delete without WHERE (or with one that is always true), or a TRUNCATE"),
  TX_MASS_DELETE("TX-MASS", "a transaction that deleted many rows of one table"),
  MANY_TENANTS("TENANTS", "one job touching many tenants"),
  OFF_HOURS("OFF-HOURS", "a mass delete outside the configured hours"),
  ROLLBACK_AFTER_MASS_DELETE("ROLLBACK", "a rollback after a mass delete"),
  REQUEST_MASS_DELETE(
      "REQUEST", "many rows deleted on behalf of a request (not a @MassDelete purge)");

  private final String code;
  private final String description;

  Anomaly(String code, String description) {
    this.code = code;
    this.description = description;
  }

  String code() {
    return code;
  }

  String description() {
    return description;
  }
}
