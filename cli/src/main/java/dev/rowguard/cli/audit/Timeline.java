package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.Fields;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The timeline pipeline: merged events in, finished entries out. An entry is held until what comes
 * after it in the log is known: the outcome of its transaction (at most {@link #TX_HORIZON} later)
 * and, with access logs, the requests within the match window. Memory is what arrives in that time,
 * and never more than {@link #MAX_HELD} entries.
 */
final class Timeline {

  /**
   * A transaction with no outcome this long after a statement was cut off (process died, connection
   * closed).
   */
  static final Duration TX_HORIZON = Duration.ofHours(1);

  /**
   * The outcome of a statement whose transaction has no commit or rollback record: an autocommit
   * statement (committed when it returned; the logger writes no record for it) or a transaction
   * that was cut off (usually rolled back by the database).
   */
  static final String NOT_RECORDED = "not recorded";

  /**
   * At most this many entries are held: autocommit statements never get an outcome record, so a log
   * full of them would otherwise hold an hour of entries. Past it the oldest is written as is.
   */
  static final int MAX_HELD = 100_000;

  private final Transactions transactions = new Transactions();
  private final Anomalies anomalies;
  private final AccessMatcher access;
  private final SourceLocator sources;
  private final TimelineFilter filter;
  private final TimelineWriter out;
  private final Deque<Held> held = new ArrayDeque<>();
  private final Incidents incidents;

  /** An entry read but not written yet, with what the pipeline found out about it so far. */
  private record Held(Event event, Transactions.@Nullable Tx tx, List<Marker> anomalies) {}

  /** {@code access} and {@code sources} may be null when no access log or source root was given. */
  Timeline(
      Anomalies anomalies,
      AccessMatcher access,
      SourceLocator sources,
      TimelineFilter filter,
      TimelineWriter out) {
    this.anomalies = anomalies;
    this.access = access;
    this.sources = sources;
    this.filter = filter;
    this.out = out;
    this.incidents = new Incidents(anomalies.manyRows());
  }

  void run(EventSource events) throws IOException {
    out.begin();
    for (Event e = events.next(); e != null; e = events.next()) {
      if (pastTheEnd(e)) {
        break; // nothing after --to is shown, and nothing shown waits for what comes later
      }
      accept(e);
      release(e.ts, false);
    }
    release(null, true);
    out.end(incidents);
  }

  /**
   * Whether {@code e} and all that follows are after {@code --to} while no entry that can be shown
   * waits for an outcome or a request: the rest of the logs can change nothing, and is not read.
   */
  private boolean pastTheEnd(Event e) {
    Instant to = filter.to();
    return to != null
        && e.ts.isAfter(to)
        && (held.isEmpty() || held.peekFirst().event().ts.isAfter(to));
  }

  /**
   * How long before {@code --from} the logs are read: the statements whose outcome or request comes
   * after it (a transaction that began earlier shows its outcome record's totals only).
   */
  static Duration lookBack(Duration matchWindow) {
    Duration twoWindows = matchWindow.multipliedBy(2);
    return twoWindows.compareTo(LOOK_BACK) > 0 ? twoWindows : LOOK_BACK;
  }

  /** At least this much of the logs is read before {@code --from}. */
  static final Duration LOOK_BACK = Duration.ofMinutes(5);

  private void accept(Event e) {
    Transactions.Tx tx = null;
    List<Marker> marks = List.of();
    if (e.isHttp()) {
      access.add(e.request);
    } else if (e.isStatement()) {
      tx = transactions.statement(e);
      marks = anomalies.statement(e, tx);
    } else if (e.isOutcome()) {
      tx = transactions.outcome(e);
      marks = anomalies.outcome(e, tx);
    }
    held.addLast(new Held(e, tx, marks));
  }

  /** Writes the held entries that nothing can change any more; at the end of input, all of them. */
  private void release(Instant now, boolean end) throws IOException {
    while (!held.isEmpty()) {
      Held h = held.peekFirst();
      Event e = h.event();
      boolean waitingForOutcome =
          e.isStatement()
              && h.tx() != null
              && h.tx().outcome == null
              && !end
              && now.isBefore(e.ts.plus(TX_HORIZON));
      boolean waitingForRequests =
          access != null
              && e.isStatement()
              && !end
              && (!now.isAfter(e.ts.plus(access.window()))
                  || (access.awaitsItsRequest(e) && now.isBefore(e.ts.plus(TX_HORIZON))));
      if ((waitingForOutcome || waitingForRequests) && held.size() <= MAX_HELD) {
        break;
      }
      held.pollFirst();
      finish(h);
    }
    if (access != null && !end) {
      access.forgetBefore(held.isEmpty() ? now : held.peekFirst().event().ts);
    }
  }

  private void finish(Held h) throws IOException {
    Event e = h.event();
    Transactions.Tx tx = h.tx();
    // what is not shown is not worked out (outcome, request, source, totals, markers)
    boolean shown = filter.shows(e, tx != null && tx.shown);
    RequestMatch match = null;
    if (shown) {
      String outcome = null;
      SourceLocator.Location source = null;
      TxTotals totals = null;
      List<Marker> marks = h.anomalies();
      if (e.isStatement()) {
        outcome = tx == null ? null : tx.outcome == null ? NOT_RECORDED : tx.outcome;
        if (access != null) {
          match = access.match(e);
        }
        if (sources != null) {
          source =
              sources.locate(
                  e.function(),
                  e.record.string(Fields.CODE_FILE),
                  e.record.number(Fields.CODE_LINE));
        }
        if (tx != null) {
          // the transaction's final rows (its outcome record was read, or it is given up on now)
          totals = tx.totalsSoFar();
          if (tx.firstByTable.get(e.table()) == e) {
            marks = anomalies.request(marks, tx);
          }
        }
      } else if (e.isOutcome()) {
        outcome = tx.outcome;
        totals = tx.totals;
        marks = anomalies.request(marks, tx);
      }
      if (e.isStatement() && tx != null) {
        tx.shown = true;
        if (tx.match == null) {
          tx.match = match;
        }
      }
      out.entry(e.finished(outcome, match, source, totals, marks));
    }
    if (e.isStatement() && tx == null && shown) {
      incidents.add(e, match);
    } else if (tx != null && tx.shown && !tx.summarized && (e.isOutcome() || tx.outcome == null)) {
      tx.summarized = true;
      incidents.add(tx, e.ts);
    }
    if (e.isStatement() && tx != null && tx.outcome == null) {
      transactions.forget(tx);
    }
  }
}
