/** Ships audit log directories to a Kafka topic and reads them back (docs/FLEET.md). */
@NullMarked
package dev.rowguard.audit.kafka;

import org.jspecify.annotations.NullMarked;
