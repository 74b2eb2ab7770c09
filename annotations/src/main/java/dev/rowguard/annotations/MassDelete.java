package dev.rowguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that the annotated method (or every method of the annotated class) deletes rows in bulk
 * on purpose.
 *
 * <p>The compile-time checks accept an unbounded delete under this annotation, and the runtime
 * audit log records {@link #reason()} with every mass delete made while the annotated method is on
 * the call stack, so a post-mortem can tell a deliberate purge from an accident.
 *
 * <pre>{@code
 * @MassDelete(reason = "nightly purge of expired sessions; sessions are recreated on login")
 * void purgeSessions() { sessionRepository.deleteAllInBatch(); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE})
public @interface MassDelete {
  /** Why deleting every matching row is intended here; an empty reason is reported as a finding. */
  String reason();
}
