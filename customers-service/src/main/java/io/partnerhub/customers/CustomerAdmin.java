package io.partnerhub.customers;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A partner admin assigned to a customer. */
@Entity
@Table(name = "customer_admin")
@IdClass(CustomerAdmin.Key.class)
public class CustomerAdmin extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public UUID customerId;

    @Id
    @Column(name = "admin_id")
    public String adminId;

    @Column(name = "assigned_at", nullable = false)
    public Instant assignedAt;

    public static class Key implements Serializable {
        public UUID customerId;
        public String adminId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(customerId, k.customerId) && Objects.equals(adminId, k.adminId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(customerId, adminId);
        }
    }
}
