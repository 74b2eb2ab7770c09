@NullMarked
package dev.rowguard.audit.boot;

import org.jspecify.annotations.NullMarked;
