package dev.rowguard.audit.log;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The heartbeat rule verify applies. A writer whose {@code log_open} holds {@link
 * Fields#HEARTBEAT_INTERVAL_MS} writes a checkpoint at least that often while it runs, also when
 * idle; so two consecutive checkpoints of one writer run (a run: from a {@code log_open} to the
 * next), or its {@code log_open} and its first checkpoint, further apart in {@code ts} than {@link
 * #allowed} mean that the writer stalled while the application ran (a paused process, a hung disk)
 * or that the records of that time were removed and the chain after them rewritten. What follows a
 * run's last checkpoint is not judged (the application may have stopped there: the witness tells a
 * cut-off tail), nor a run without the field (heartbeats off, or an older writer).
 *
 * <p>Fed one record at a time in seq order ({@link #next}); only {@link #isBeat beats} count.
 */
final class Heartbeats {

  /** The least slack over the interval: a busy writer thread, a clock adjusted by NTP. */
  static final Duration MIN_SLACK = Duration.ofSeconds(5);

  /** A gap between two beats. */
  record Gap(long fromSeq, Instant from, long toSeq, Instant to, Duration interval) {

    String message() {
      return "no checkpoint between seq "
          + fromSeq
          + " ("
          + from
          + ") and seq "
          + toSeq
          + " ("
          + to
          + "), "
          + Duration.between(from, to)
          + ", though this writer run writes one at least every "
          + interval
          + " (reported beyond "
          + allowed(interval)
          + "): the writer stalled while the application ran, or the records of that time were"
          + " removed and the chain after them rewritten";
    }
  }

  private @Nullable Duration interval;
  private long lastSeq;
  private @Nullable Instant last;

  /** How far apart two beats may be: the interval and half of it, at least {@link #MIN_SLACK}. */
  static Duration allowed(Duration interval) {
    Duration half = interval.dividedBy(2);
    return interval.plus(half.compareTo(MIN_SLACK) < 0 ? MIN_SLACK : half);
  }

  /** Whether records of {@code kind} (its wire name) are beats: {@code log_open}, checkpoints. */
  static boolean isBeat(String kind) {
    return RecordKind.CHECKPOINT.wireName().equals(kind)
        || RecordKind.LOG_OPEN.wireName().equals(kind);
  }

  /**
   * Takes the next record of the log, in seq order ({@code parsed} is needed for beats only).
   *
   * @return the gap this record ends, or null
   */
  @Nullable Gap next(String kind, long seq, @Nullable LogRecord parsed) {
    if (parsed == null || parsed.ts() == null || !isBeat(kind)) {
      return null;
    }
    Instant ts = parsed.ts();
    if (RecordKind.LOG_OPEN.wireName().equals(kind)) {
      Long ms = parsed.number(Fields.HEARTBEAT_INTERVAL_MS);
      interval = ms == null || ms <= 0 ? null : Duration.ofMillis(ms);
      last = ts;
      lastSeq = seq;
      return null;
    }
    Duration i = interval;
    Instant previous = last;
    Gap gap =
        i != null && previous != null && Duration.between(previous, ts).compareTo(allowed(i)) > 0
            ? new Gap(lastSeq, previous, seq, ts, i)
            : null;
    last = ts;
    lastSeq = seq;
    return gap;
  }
}
