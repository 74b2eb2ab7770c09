package dev.rowguard.sample.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * A user account. Local accounts were stored with a NULL {@code uri} and a NULL {@code domain};
 * accounts federated from other servers carry both. That is the incident: a lookup by a missing
 * remote uri matched every local account, and the (username, domain) constraint never stopped two
 * local accounts with the same username.
 */
@Entity
@Table(
    name = "account",
    uniqueConstraints = @UniqueConstraint(columnNames = {"username", "domain"}))
public class Account {

  @Id @GeneratedValue private Long id;

  @Column(nullable = false)
  private String username;

  /** The home server of a remote account; NULL for local accounts. */
  private String domain;

  /** The ActivityPub id of a remote account; NULL for local accounts. */
  @Column(length = 2048)
  private String uri;

  private String avatarUrl;

  private Instant suspendedAt;

  protected Account() {}

  public Account(String username, String domain, String uri) {
    this.username = username;
    this.domain = domain;
    this.uri = uri;
  }

  public Long getId() {
    return id;
  }

  public String getUsername() {
    return username;
  }

  public String getDomain() {
    return domain;
  }

  public String getUri() {
    return uri;
  }

  /**
   * Local-ness is read from the missing uri: any remote account stored without one becomes "local".
   */
  public boolean isLocal() {
    return uri == null;
  }

  public boolean hasAvatar() {
    return avatarUrl != null;
  }

  public boolean isSuspended() {
    return suspendedAt != null;
  }

  public void suspend(Instant at) {
    this.suspendedAt = at;
  }
}
