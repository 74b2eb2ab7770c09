package dev.rowguard.sample.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** One call handled for a tenant: who called, when, and for how long. */
@Entity
@Table(name = "call_log")
public class CallLog {

  @Id @GeneratedValue private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "tenant_id", nullable = false)
  private Tenant tenant;

  @Column(name = "caller_number", nullable = false)
  private String callerNumber;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "duration_seconds", nullable = false)
  private long durationSeconds;

  protected CallLog() {}

  public CallLog(Tenant tenant, String callerNumber, Instant startedAt, Duration duration) {
    this.tenant = tenant;
    this.callerNumber = callerNumber;
    this.startedAt = startedAt;
    this.durationSeconds = duration.toSeconds();
  }

  public Long getId() {
    return id;
  }

  public Tenant getTenant() {
    return tenant;
  }

  public String getCallerNumber() {
    return callerNumber;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public Duration getDuration() {
    return Duration.ofSeconds(durationSeconds);
  }
}
