package dev.rowguard.audit.orm;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A parent whose events the database deletes with it ({@link AccountEvent}). */
@Entity
public class Account {
  @Id Long id;
  String name;

  protected Account() {}

  public Account(long id, String name) {
    this.id = id;
    this.name = name;
  }
}
