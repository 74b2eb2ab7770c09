package dev.rowguard.audit.log;

/** When the statement's result returns relative to the record reaching disk. */
public enum Durability {
  /**
   * The record is written and fsync'ed before the statement's result returns (group commit: one
   * fsync covers every record queued meanwhile). Nothing acknowledged is lost, even on power loss.
   */
  SYNC,
  /**
   * The record is queued and the statement returns at once; a writer thread writes and fsyncs in
   * batches. A process crash (SIGKILL, OOM kill) or power loss loses the records still queued (at
   * most the queue capacity) plus those written since the last fsync; a normal JVM shutdown flushes
   * them. A full queue makes the statement wait.
   */
  ASYNC
}
