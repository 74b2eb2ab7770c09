package dev.rowguard.sample.orgs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * An organization with its namespace (the first segment of its URLs). Sub-organizations have a
 * parent; top-level organizations have none, so the (parent, namespace) constraint holds NULL for
 * exactly the organizations whose namespaces must not collide.
 */
@Entity
@Table(
    name = "organization",
    uniqueConstraints = @UniqueConstraint(columnNames = {"parent_id", "namespace"}))
public class Organization {

  @Id @GeneratedValue private Long id;

  @Column(nullable = false)
  private String namespace;

  @Column(nullable = false)
  private String displayName;

  @ManyToOne private Organization parent;

  protected Organization() {}

  public Organization(String namespace, String displayName, Organization parent) {
    this.namespace = namespace;
    this.displayName = displayName;
    this.parent = parent;
  }

  public Long getId() {
    return id;
  }

  public String getNamespace() {
    return namespace;
  }

  public String getDisplayName() {
    return displayName;
  }

  public Organization getParent() {
    return parent;
  }

  public boolean hasParent() {
    return parent != null;
  }
}
