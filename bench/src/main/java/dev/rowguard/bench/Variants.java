package dev.rowguard.bench;

/**
 * The method bodies that differ between domains: each correct form, and the planted bug next to it.
 * They use the same {{placeholders}} as the templates.
 */
final class Variants {

  static final String SENTINEL_METHOD =
      """

        /** Local {{human}}s were created here, not imported, so they have no external reference. */
        public boolean isLocal() {
          return externalRef == null;
        }
      """;

  static final String LOOKUP_CHECKED =
      """
          if (externalRef == null) {
            return Optional.empty();
          }
          return repository.findByExternalRef(externalRef);\
      """;

  static final String LOOKUP_UNCHECKED =
      """
          return repository.findByExternalRef(externalRef);\
      """;

  /** Codes are unique, so the constraint settles a race; the check only gives a nicer error. */
  static final String REGISTER_BY_CODE =
      """

        public {{R}} register(String name, String code) {
          if (repository.existsByCode(code)) {
            throw new IllegalStateException("code " + code + " is taken");
          }
          return repository.save(new {{R}}(name, code));
        }
      """;

  static final String REGISTER_BY_NAME =
      """

        public {{R}} register(String name, String code) {
          if (repository.existsByName(name)) {
            throw new IllegalStateException("a {{human}} named " + name + " already exists");
          }
          return repository.save(new {{R}}(name, code));
        }
      """;

  static final String UNASSIGN_BY_CLEAR =
      """
          {{r}}.getLabels().clear();\
      """;

  static final String UNASSIGN_BY_DELETE =
      """
          labels.deleteAll({{r}}.getLabels());\
      """;

  static final String COUNT_LISTED =
      """

        @Transactional(readOnly = true)
        public int countStillListed() {
          Set<UUID> live = directory.liveIds().stream().map(UUID::fromString).collect(Collectors.toSet());
          return CollectionUtils.intersection(repository.findIdsByStatus({{R}}Status.ACTIVE), live).size();
        }
      """;

  static final String COUNT_LISTED_MIXED =
      """

        @Transactional(readOnly = true)
        public int countStillListed() {
          return CollectionUtils.intersection(repository.findIdsByStatus({{R}}Status.ACTIVE), directory.liveIds())
              .size();
        }
      """;

  static final String DOCUMENTED_RESET =
      """

        @Transactional
        @MassDelete(reason = "nightly reset of the staging copy; entries are reloaded from the snapshot")
        public int resetEntries() {
          return jdbc.update({{R}}Sql.RESET_ENTRIES);
        }
      """;

  private static final String[] UNGUARDED_RESETS = {
    """

      @Transactional
      public int resetEntries() {
        return jdbc.update({{R}}Sql.RESET_ENTRIES);
      }
    """,
    """

      @Transactional
      public int resetEntries() {
        int count = (int) entries.count();
        entries.deleteAllInBatch();
        return count;
      }
    """,
    """

      @Transactional
      public int resetEntries() {
        return dsl.deleteFrom({{R}}Sql.T).execute();
      }
    """,
  };

  /** Four ways real code computes "what upstream no longer lists"; guarded unless planted. */
  private static final String[][] DIFFERENCE_DELETES = {
    {
      """
          List<String> listed = directory.liveIds();
      """,
      """
          Preconditions.checkState(!listed.isEmpty(), "upstream listed no {{human}}s; refusing to delete them all");
      """,
      """
          Set<UUID> live = listed.stream().map(UUID::fromString).collect(Collectors.toSet());
          Set<UUID> local = new HashSet<>(repository.findIdsByStatus({{R}}Status.ACTIVE));
          Set<UUID> gone = Sets.difference(local, live).immutableCopy();
          log.info("removing {} of {} {{human}}s upstream no longer lists", gone.size(), local.size());
          repository.deleteAllById(gone);
          return gone.size();\
      """
    },
    {
      """
          List<String> listed = directory.liveIds();
      """,
      """
          if (listed.isEmpty()) {
            throw new IllegalStateException("upstream listed no {{human}}s; refusing to delete them all");
          }
      """,
      """
          Set<UUID> gone = new HashSet<>(repository.findIdsByStatus({{R}}Status.ACTIVE));
          gone.removeAll(listed.stream().map(UUID::fromString).collect(Collectors.toSet()));
          repository.deleteAllByIdInBatch(gone);
          return gone.size();\
      """
    },
    {
      """
          Set<UUID> live = directory.liveIds().stream().map(UUID::fromString).collect(Collectors.toSet());
          List<UUID> local = repository.findIdsByStatus({{R}}Status.ACTIVE);
          List<UUID> gone = local.stream().filter(id -> !live.contains(id)).collect(Collectors.toList());
      """,
      """
          if (gone.size() > local.size() / 2) {
            throw new IllegalStateException("refusing to delete " + gone.size() + " of " + local.size() + " {{human}}s");
          }
      """,
      """
          repository.deleteAllById(gone);
          return gone.size();\
      """
    },
    {
      """
          Set<UUID> live = directory.liveIds().stream().map(UUID::fromString).collect(Collectors.toSet());
      """,
      """
          if (live.isEmpty()) {
            log.warn("upstream listed no {{human}}s; keeping every local one");
            return 0;
          }
      """,
      """
          Collection<UUID> gone = CollectionUtils.subtract(repository.findIdsByStatus({{R}}Status.ACTIVE), live);
          repository.deleteAllById(gone);
          return gone.size();\
      """
    },
  };

  static String differenceDelete(int style, boolean guarded) {
    String[] parts = DIFFERENCE_DELETES[style];
    return parts[0] + (guarded ? parts[1] : "") + parts[2];
  }

  static String unguardedReset(int style) {
    return UNGUARDED_RESETS[style % UNGUARDED_RESETS.length];
  }

  private Variants() {}
}
