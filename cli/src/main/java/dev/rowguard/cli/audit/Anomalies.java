package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.RecordKind;
import dev.rowguard.audit.log.Trigger;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Marks anomalies as events pass. Thresholds come from the command line; "many" defaults are
 * deliberately high so that only what deserves a look is marked.
 *
 * <p>A job is the transaction, or the value of the {@code job} context key when the application
 * sets one (a batch job spanning transactions). Threads are not jobs: a web server's worker threads
 * serve every tenant.
 */
final class Anomalies {

  private final long manyRows;
  private final int manyTenants;
  private final Hours hours;
  private final ZoneId zone;

  /**
   * Tenants seen per {@code job} context value, up to the threshold (transactions keep their own).
   */
  private final Map<String, Set<String>> tenantsByJob = new HashMap<>();

  /** {@code hours} may be null: no check of the time of day. */
  Anomalies(long manyRows, int manyTenants, Hours hours, ZoneId zone) {
    this.manyRows = manyRows;
    this.manyTenants = manyTenants;
    this.hours = hours;
    this.zone = zone;
  }

  long manyRows() {
    return manyRows;
  }

  /** Allowed hours of the day for mass deletes, in the display zone: {@code 08:00-18:00}. */
  record Hours(LocalTime from, LocalTime to) {
    boolean contains(LocalTime t) {
      return from.isBefore(to)
          ? !t.isBefore(from) && t.isBefore(to)
          : !t.isBefore(from) || t.isBefore(to);
    }

    @Override
    public String toString() {
      return from + "-" + to;
    }
  }

  /** The anomalies of a statement; {@code tx} is its transaction, or null outside one. */
  List<Marker> statement(Event e, Transactions.@Nullable Tx tx) {
    List<Marker> marks = new ArrayList<>();
    if (e.reason() != null) {
      // a deliberate @MassDelete purge: its reason is shown, and only the hours are checked
      if (hours != null && !hours.contains(e.ts.atZone(zone).toLocalTime())) {
        marks.add(new Marker(Anomaly.OFF_HOURS, "outside " + hours));
      }
      return marks;
    }
    Trigger trigger = Trigger.fromWireName(e.record.string(Fields.TRIGGER));
    boolean truncate = e.recordKind() == RecordKind.TRUNCATE;
    if (truncate || (trigger != null && trigger.wholeTable())) {
      marks.add(
          new Marker(Anomaly.NO_WHERE, (truncate ? "TRUNCATE " : "every row of ") + e.table()));
    }
    if (e.recordKind() == RecordKind.TX_AGGREGATE && e.rows() != null && e.rows() >= manyRows) {
      marks.add(
          new Marker(
              Anomaly.TX_MASS_DELETE,
              Columns.grouped(e.rows()) + " rows of " + e.table() + " in one transaction"));
    }
    boolean massDelete = e.recordKind() != RecordKind.BLOCKED;
    if (massDelete && hours != null && !hours.contains(e.ts.atZone(zone).toLocalTime())) {
      marks.add(new Marker(Anomaly.OFF_HOURS, "outside " + hours));
    }
    String tenant = e.context().get("tenant");
    String job = e.context().get("job");
    Set<String> tenants =
        job != null
            ? tenantsByJob.computeIfAbsent(job, k -> new HashSet<>())
            : tx == null ? null : tx.tenants;
    if (tenant != null && tenants != null) {
      if (job != null && tenants.size() <= manyTenants) {
        tenants.add(tenant);
      }
      if (tenants.size() >= manyTenants) {
        marks.add(
            new Marker(
                Anomaly.MANY_TENANTS,
                (job != null ? "job " + job : "transaction " + e.tx())
                    + " touched "
                    + tenants.size()
                    + " tenants"));
      }
    }
    return marks;
  }

  /** The anomalies of a commit or rollback of {@code tx}. */
  List<Marker> outcome(Event e, Transactions.Tx tx) {
    List<Marker> marks = new ArrayList<>();
    Map.Entry<String, Long> largest = tx.largestTable();
    if (largest != null && largest.getValue() >= manyRows && !deliberate(tx)) {
      marks.add(
          new Marker(
              Anomaly.TX_MASS_DELETE,
              Columns.grouped(largest.getValue()) + " rows of " + largest.getKey()));
    }
    if (e.record != null && e.recordKind() == RecordKind.ROLLBACK && tx.massDelete) {
      marks.add(new Marker(Anomaly.ROLLBACK_AFTER_MASS_DELETE, "rolled back after a mass delete"));
    }
    return marks;
  }

  /** Whether every delete of {@code tx} was a {@code @MassDelete} purge. */
  private static boolean deliberate(Transactions.Tx tx) {
    return tx.deliberate && !tx.firstByTable.isEmpty();
  }

  /**
   * {@code marks} and, when {@code tx} deleted at least {@code --many-rows} rows in the end on
   * behalf of a request (a request id in its context) and not as a {@code @MassDelete} purge, the
   * marker of the incident.
   */
  List<Marker> request(List<Marker> marks, Transactions.Tx tx) {
    Event who = tx.who();
    String requestId = who == null ? null : AccessMatcher.requestId(who);
    TxTotals t = tx.totalsSoFar();
    if (requestId == null || deliberate(tx) || t.rows() < manyRows) {
      return marks;
    }
    List<Marker> more = new ArrayList<>(marks);
    more.add(
        new Marker(
            Anomaly.REQUEST_MASS_DELETE,
            Columns.grouped(t.rows())
                + " rows ("
                + TxTotals.tables(t.rowsByTable(), t.cascadedByTable())
                + ") for request "
                + requestId));
    return more;
  }
}
