/**
 * Classifies SQL and JPQL statement text: what it deletes and what bounds the delete. Shared by the
 * compile-time checks and the runtime audit logger.
 */
@NullMarked
package dev.rowguard.sql;

import org.jspecify.annotations.NullMarked;
