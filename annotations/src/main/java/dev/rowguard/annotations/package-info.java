/** Annotations application code uses to tell rowguard what it means. */
@NullMarked
package dev.rowguard.annotations;

import org.jspecify.annotations.NullMarked;
