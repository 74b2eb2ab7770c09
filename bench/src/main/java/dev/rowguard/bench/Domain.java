package dev.rowguard.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One business domain of the generated code base: a root entity, its child entries, their
 * repositories and the services around them, in one package. The placeholder values say which
 * variant of each method this domain gets: mostly the correct form, the planted bug if any.
 */
final class Domain {
  /** The templates every domain fills, in an order where each only uses those before it. */
  static final List<String> TEMPLATES =
      List.of(
          "Status",
          "Root",
          "Child",
          "RootRepository",
          "ChildRepository",
          "Sql",
          "Summary",
          "Mapper",
          "Directory",
          "Service",
          "SyncService",
          "Maintenance");

  private static final List<String> NOUNS =
      List.of(
          "Customer",
          "Invoice",
          "Shipment",
          "Warehouse",
          "Ticket",
          "Employee",
          "Product",
          "Payment",
          "Appointment",
          "Account",
          "Campaign",
          "Contract",
          "Device",
          "Project",
          "Supplier",
          "Vehicle",
          "Course",
          "Booking",
          "Policy",
          "Claim",
          "Asset",
          "Subscription",
          "Store",
          "Recipe",
          "Patient",
          "Document",
          "Venue",
          "Route",
          "Tenant",
          "Partner");
  private static final List<String> AREAS =
      List.of(
          "billing",
          "crm",
          "inventory",
          "logistics",
          "support",
          "people",
          "catalog",
          "payments",
          "scheduling",
          "identity",
          "marketing",
          "legal");
  private static final List<String> ENTRY_KINDS = List.of("Line", "Entry", "Note", "Event", "Item");

  final int index;
  final String area;
  final String pkg;
  final String root;
  final Optional<PlantedBug> bug;

  private Domain(int index) {
    this.index = index;
    String noun = NOUNS.get(index % NOUNS.size());
    int areaRound = index / NOUNS.size();
    String areaName = AREAS.get(areaRound % AREAS.size());
    this.area =
        areaName + (areaRound < AREAS.size() ? "" : String.valueOf(areaRound / AREAS.size()));
    this.pkg = "com.acme." + area + "." + noun.toLowerCase(Locale.ROOT);
    this.root = noun;
    this.bug = PlantedBug.forDomain(index);
  }

  static Domain of(int index) {
    return new Domain(index);
  }

  String sourceDir() {
    return pkg.replace('.', '/');
  }

  /** The file a template becomes in this domain. */
  String fileName(String template) {
    switch (template) {
      case "Root":
        return root + ".java";
      case "Child":
        return child() + ".java";
      case "ChildRepository":
        return child() + "Repository.java";
      case "RootRepository":
        return root + "Repository.java";
      default:
        return root + template + ".java";
    }
  }

  /** Which file holds the planted bug's finding, for the manifest. */
  String bugFile() {
    switch (bug.orElseThrow()) {
      case CASCADE_REMOVE_ON_MANY_TO_MANY:
      case NULLABLE_UNIQUE_COLUMN:
      case NULL_SENTINEL_COLUMN:
        return fileName("Root");
      case NULL_SENTINEL_LOOKUP:
      case CHECK_THEN_INSERT_RACE:
      case DELETE_INSTEAD_OF_UNASSIGN:
        return fileName("Service");
      case UNGUARDED_DIFFERENCE_DELETE:
      case UUID_STRING_MISMATCH:
        return fileName("SyncService");
      case UNGUARDED_BULK_DELETE:
        return fileName("Maintenance");
    }
    throw new AssertionError(bug);
  }

  Map<String, String> values() {
    Map<String, String> v = new HashMap<>();
    String r = Character.toLowerCase(root.charAt(0)) + root.substring(1);
    String table = area + "_" + snake(root);
    v.put("pkg", pkg);
    v.put("area", area);
    v.put("R", root);
    v.put("r", r);
    v.put("C", child());
    v.put("human", snake(root).replace('_', ' '));
    v.put("table", table);
    v.put("childTable", table + "_" + snake(ENTRY_KINDS.get(index % ENTRY_KINDS.size())));
    putRelated(v);
    v.put(
        "externalRefColumn",
        has(PlantedBug.NULLABLE_UNIQUE_COLUMN)
            ? "@Column(name = \"external_ref\", length = 80, unique = true)"
            : "@Column(name = \"external_ref\", length = 80)");
    v.put(
        "labelCascade",
        has(PlantedBug.CASCADE_REMOVE_ON_MANY_TO_MANY)
            ? "CascadeType.ALL"
            : "{CascadeType.PERSIST, CascadeType.MERGE}");
    v.put("sentinelMethod", has(PlantedBug.NULL_SENTINEL_COLUMN) ? Variants.SENTINEL_METHOD : "");
    v.put(
        "lookupBody",
        has(PlantedBug.NULL_SENTINEL_LOOKUP) ? Variants.LOOKUP_UNCHECKED : Variants.LOOKUP_CHECKED);
    v.put(
        "createMethod",
        has(PlantedBug.CHECK_THEN_INSERT_RACE)
            ? Variants.REGISTER_BY_NAME
            : Variants.REGISTER_BY_CODE);
    v.put(
        "unassignBody",
        has(PlantedBug.DELETE_INSTEAD_OF_UNASSIGN)
            ? Variants.UNASSIGN_BY_DELETE
            : Variants.UNASSIGN_BY_CLEAR);
    v.put(
        "differenceBody",
        Variants.differenceDelete(index % 4, !has(PlantedBug.UNGUARDED_DIFFERENCE_DELETE)));
    v.put(
        "retireCall",
        index % 2 == 0
            ? "repository.deleteRetiredCodes(live)"
            : "(int) repository.deleteByCodeNotIn(live)");
    v.put(
        "uuidMethod",
        has(PlantedBug.UUID_STRING_MISMATCH) ? Variants.COUNT_LISTED_MIXED : Variants.COUNT_LISTED);
    v.put(
        "bulkDeleteMethod",
        has(PlantedBug.UNGUARDED_BULK_DELETE)
            ? Variants.unguardedReset(index / PlantedBug.values().length)
            : Variants.DOCUMENTED_RESET);
    return v;
  }

  private String child() {
    return root + ENTRY_KINDS.get(index % ENTRY_KINDS.size());
  }

  private boolean has(PlantedBug planted) {
    return bug.filter(planted::equals).isPresent();
  }

  /** Roots refer to the previous domain's root, the first one to itself (a hierarchy). */
  private void putRelated(Map<String, String> v) {
    Domain related = index == 0 ? this : of(index - 1);
    String type = related.root;
    String field = index == 0 ? "parent" : "related" + type;
    String accessor = Character.toUpperCase(field.charAt(0)) + field.substring(1);
    v.put(
        "relatedImport",
        related.pkg.equals(pkg) ? "" : "import " + related.pkg + "." + type + ";\n");
    v.put(
        "relatedField",
        "\n  @ManyToOne(fetch = FetchType.LAZY)\n"
            + "  @JoinColumn(name = \""
            + snake(field)
            + "_id\")\n"
            + "  private @Nullable "
            + type
            + " "
            + field
            + ";\n");
    v.put(
        "relatedAccessors",
        "\n  public @Nullable "
            + type
            + " get"
            + accessor
            + "() {\n"
            + "    return "
            + field
            + ";\n  }\n\n"
            + "  public void set"
            + accessor
            + "(@Nullable "
            + type
            + " "
            + field
            + ") {\n"
            + "    this."
            + field
            + " = "
            + field
            + ";\n  }\n");
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
