package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.Fields;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The timeline pipeline: merged events in, finished entries out. An entry is held until what comes
 * after it in the log is known: the outcome of its transaction (at most {@link #TX_HORIZON} later)
 * and, with access logs, the requests within the match window. Memory is what arrives in that time,
 * and never more than {@link #MAX_HELD} entries.
 */
final class Timeline {

  /** A transaction with no outcome this long after a statement was cut off (process died, connection closed). */
  static final Duration TX_HORIZON = Duration.ofHours(1);

  /**
   * The outcome of a statement whose transaction has no commit or rollback record: an autocommit
   * statement (committed when it returned; the logger writes no record for it) or a transaction that
   * was cut off (usually rolled back by the database).
   */
  static final String NOT_RECORDED = "not recorded";

  /**
   * At most this many entries are held: autocommit statements never get an outcome record, so a
   * log full of them would otherwise hold an hour of entries. Past it the oldest is written as is.
   */
  static final int MAX_HELD = 100_000;

  private final Transactions transactions = new Transactions();
  private final Anomalies anomalies;
  private final AccessMatcher access;
  private final SourceLocator sources;
  private final TimelineFilter filter;
  private final TimelineWriter out;
  private final Deque<Event> held = new ArrayDeque<>();

  /** {@code access} and {@code sources} may be null when no access log or source root was given. */
  Timeline(Anomalies anomalies, AccessMatcher access, SourceLocator sources, TimelineFilter filter, TimelineWriter out) {
    this.anomalies = anomalies;
    this.access = access;
    this.sources = sources;
    this.filter = filter;
    this.out = out;
  }

  void run(EventSource events) throws IOException {
    out.begin();
    for (Event e = events.next(); e != null; e = events.next()) {
      accept(e);
      release(e.ts, false);
    }
    release(null, true);
    out.end();
  }

  private void accept(Event e) {
    if (e.isHttp()) {
      access.add(e.request);
    } else if (e.isStatement()) {
      e.tx = transactions.statement(e);
      anomalies.statement(e);
    } else if (e.isOutcome()) {
      e.tx = transactions.outcome(e);
      anomalies.outcome(e, e.tx);
    }
    held.addLast(e);
  }

  /** Writes the held entries that nothing can change any more; at the end of input, all of them. */
  private void release(Instant now, boolean end) throws IOException {
    while (!held.isEmpty()) {
      Event e = held.peekFirst();
      boolean waitingForOutcome = e.isStatement() && e.tx != null && e.tx.outcome == null
          && !end && now.isBefore(e.ts.plus(TX_HORIZON));
      boolean waitingForRequests = access != null && e.isStatement() && !end && !now.isAfter(e.ts.plus(access.window()));
      if ((waitingForOutcome || waitingForRequests) && held.size() <= MAX_HELD) {
        break;
      }
      held.pollFirst();
      finish(e);
    }
    if (access != null && !end) {
      access.forgetBefore(held.isEmpty() ? now : held.peekFirst().ts);
    }
  }

  private void finish(Event e) throws IOException {
    if (e.isStatement()) {
      e.outcome = e.tx == null ? null : e.tx.outcome == null ? NOT_RECORDED : e.tx.outcome;
      if (e.tx != null && e.tx.outcome == null) {
        transactions.forget(e.tx);
      }
      if (access != null) {
        access.match(e);
      }
      if (sources != null) {
        e.source = sources.locate(e.function(), e.record.string(Fields.CODE_FILE), e.record.number(Fields.CODE_LINE));
      }
    } else if (e.isOutcome()) {
      e.outcome = e.tx.outcome;
    }
    if (filter.shows(e)) {
      if (e.isStatement() && e.tx != null) {
        e.tx.shown = true;
      }
      out.entry(e);
    }
  }
}
