package dev.rowguard.sample.orgs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A team; its slug is unique across the installation and the database enforces it. */
@Entity
@Table(name = "team")
public class Team {

  @Id @GeneratedValue private Long id;

  @Column(unique = true, nullable = false)
  private String slug;

  @ManyToOne(optional = false)
  private Organization organization;

  protected Team() {}

  public Team(String slug, Organization organization) {
    this.slug = slug;
    this.organization = organization;
  }

  public String getSlug() {
    return slug;
  }

  public Organization getOrganization() {
    return organization;
  }
}
