package com.modelregistry.mlmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * One slot of the running count of models per framework (V4), read only: the database's triggers write it. Mapped so
 * that the totals are HQL, whose plans Hibernate reuses, rather than native selects (common/db/PlanPerCall).
 */
@Entity
@Immutable
@Table(name = "model_counts")
public class ModelCount {

    @EmbeddedId
    public Slot slot;

    @Column(nullable = false)
    public long models;

    /** A framework's counter is spread over slots so that concurrent writers rarely wait on one row. */
    @Embeddable
    public record Slot(@Column(length = 50) String framework, short slot) {
    }
}
