package com.modelregistry.mlmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A trained machine-learning model, owned by one user. */
@Entity
@Table(name = "models")
public class MLModel {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, length = 50)
    public String framework;

    public Double accuracy;

    /**
     * The owning user's id. Only the id: a model never loads its owner, and this package does not know the User
     * entity. The foreign key (V1) refuses a missing owner and deletes a user's models with the user.
     */
    @Column(name = "owner_id", nullable = false, updatable = false)
    public Long ownerId;

    /** Raised by every update; clients see it as the ETag and send it back in If-Match. */
    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @PrePersist
    void stampCreation() {
        createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        updatedAt = createdAt;
    }

    @PreUpdate
    void stampUpdate() {
        updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
