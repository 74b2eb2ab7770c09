package dev.rowguard.audit.orm;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class Customer {
  @Id Long id;
  String name;
  @ManyToOne Tenant tenant;

  protected Customer() {}

  public Customer(long id, String name, Tenant tenant) {
    this.id = id;
    this.name = name;
    this.tenant = tenant;
    tenant.customers.add(this);
  }
}
