/**
 * Blast-radius assertions: {@link dev.rowguard.test.DeleteWatch} records the deletes of a block of
 * code, {@link dev.rowguard.test.DeleteAssertions#assertThatDeletes} checks them.
 */
@NullMarked
package dev.rowguard.test;

import org.jspecify.annotations.NullMarked;
