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

/** A tag on a customer. */
@Entity
@Table(name = "customer_tag")
@IdClass(CustomerTag.Key.class)
public class CustomerTag extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public UUID customerId;

    @Id
    @Column(name = "tag_id")
    public UUID tagId;

    @Column(name = "tagged_at", nullable = false)
    public Instant taggedAt;

    public static class Key implements Serializable {
        public UUID customerId;
        public UUID tagId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(customerId, k.customerId) && Objects.equals(tagId, k.tagId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(customerId, tagId);
        }
    }
}
