package dev.rowguard.checker.jpa;

import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.jpa.UniqueKey.Source;
import dev.rowguard.checker.util.Annotations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Collects the unique keys an entity declares, resolving their column names to fields. */
final class UniqueKeys {

  private UniqueKeys() {}

  static List<UniqueKey> of(Symbol.ClassSymbol type, List<PersistentField> fields) {
    List<UniqueKey> keys = new ArrayList<>();
    List<PersistentField> naturalId = new ArrayList<>();
    for (PersistentField f : fields) {
      if (f.id()) {
        keys.add(new UniqueKey(List.of(f.name()), List.of(f), Source.PRIMARY_KEY));
      }
      if (f.uniqueColumn()) {
        keys.add(new UniqueKey(List.of(f.columnName()), List.of(f), Source.COLUMN));
      }
      if (f.naturalId()) {
        naturalId.add(f);
      }
    }
    if (!naturalId.isEmpty()) {
      keys.add(
          new UniqueKey(
              naturalId.stream().map(PersistentField::name).toList(),
              naturalId,
              Source.NATURAL_ID));
    }
    Optional<Attribute.Compound> table = Annotations.find(type, Jpa.TABLE);
    if (table.isPresent()) {
      for (Attribute.Compound constraint :
          Annotations.annotationValues(table.get(), "uniqueConstraints")) {
        keys.add(
            resolve(
                Annotations.stringValues(constraint, "columnNames"),
                fields,
                Source.UNIQUE_CONSTRAINT));
      }
      for (Attribute.Compound index : Annotations.annotationValues(table.get(), "indexes")) {
        if (Annotations.booleanValue(index, "unique", false)) {
          List<String> columns =
              Annotations.stringValue(index, "columnList")
                  .map(
                      list ->
                          Arrays.stream(list.split(","))
                              // "name ASC" and "name desc" order the index; they do not rename the
                              // column.
                              .map(c -> c.trim().split("\\s+")[0])
                              .filter(c -> !c.isEmpty())
                              .toList())
                  .orElse(List.of());
          keys.add(resolve(columns, fields, Source.UNIQUE_INDEX));
        }
      }
    }
    return keys;
  }

  private static UniqueKey resolve(
      List<String> columns, List<PersistentField> fields, Source source) {
    List<PersistentField> resolved = new ArrayList<>();
    for (String column : columns) {
      fields.stream().filter(f -> f.hasColumnName(column)).findFirst().ifPresent(resolved::add);
    }
    return new UniqueKey(columns, resolved, source);
  }
}
