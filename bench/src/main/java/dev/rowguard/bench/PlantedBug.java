package dev.rowguard.bench;

import java.util.Optional;

/**
 * The incident shapes the generator plants, one per affected domain, named for the rowguard check
 * that should report it. Every other domain holds the correct form of the same code, so the checks'
 * expensive paths run on realistic, mostly clean code.
 */
enum PlantedBug {
  UNGUARDED_BULK_DELETE("UnguardedBulkDelete"),
  UNGUARDED_DIFFERENCE_DELETE("UnguardedDifferenceDelete"),
  DELETE_INSTEAD_OF_UNASSIGN("DeleteInsteadOfUnassign"),
  CASCADE_REMOVE_ON_MANY_TO_MANY("CascadeRemoveOnManyToMany"),
  NULLABLE_UNIQUE_COLUMN("NullableUniqueColumn"),
  NULL_SENTINEL_LOOKUP("NullSentinelLookup"),
  NULL_SENTINEL_COLUMN("NullSentinelColumn"),
  CHECK_THEN_INSERT_RACE("CheckThenInsertRace"),
  UUID_STRING_MISMATCH("UuidStringMismatch");

  /** One domain in this many carries a bug: a sprinkling, as in a real code base. */
  private static final int ONE_DOMAIN_IN = 5;

  final String checkName;

  PlantedBug(String checkName) {
    this.checkName = checkName;
  }

  /** The bug planted in domain {@code index}, if any; deterministic so that runs compare. */
  static Optional<PlantedBug> forDomain(int index) {
    if (index % ONE_DOMAIN_IN != 2) {
      return Optional.empty();
    }
    PlantedBug[] all = values();
    return Optional.of(all[(index / ONE_DOMAIN_IN) % all.length]);
  }
}
