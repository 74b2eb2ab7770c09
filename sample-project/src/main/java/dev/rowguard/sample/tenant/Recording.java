package dev.rowguard.sample.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A call recording kept for a tenant; the audio itself lives in object storage. */
@Entity
@Table(name = "recording")
public class Recording {

  @Id @GeneratedValue private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "tenant_id", nullable = false)
  private Tenant tenant;

  @Column(name = "storage_key", nullable = false, unique = true)
  private String storageKey;

  @Column(name = "recorded_at", nullable = false)
  private Instant recordedAt;

  protected Recording() {}

  public Recording(Tenant tenant, String storageKey, Instant recordedAt) {
    this.tenant = tenant;
    this.storageKey = storageKey;
    this.recordedAt = recordedAt;
  }

  public Long getId() {
    return id;
  }

  public Tenant getTenant() {
    return tenant;
  }

  public String getStorageKey() {
    return storageKey;
  }

  public Instant getRecordedAt() {
    return recordedAt;
  }
}
