package com.modelregistry.version;

import com.modelregistry.common.db.RegistryEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One version of a model: the artifact that was trained, its metrics, and whether it may be deployed. */
@Entity
@Table(name = "model_versions")
public class ModelVersion extends RegistryEntity {

    /** The model's id only: this package does not know the model entity (see {@link VersionedModels}). */
    @Column(name = "model_id", nullable = false, updatable = false)
    public Long modelId;

    /** 1, 2, 3 ... per model, from the model's counter; clients call it the version. */
    @Column(nullable = false, updatable = false)
    public int number;

    /** Where the artifact is; a new artifact is a new version, so this never changes. */
    @Column(name = "artifact_uri", nullable = false, updatable = false, length = 2048)
    public String artifactUri;

    @Column(length = 2000)
    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Double> metrics;

    @Column(nullable = false, length = 16)
    public VersionStatus status;

    /** The user who recorded it, kept as an id so that the record outlives that user. */
    @Column(name = "created_by", nullable = false, updatable = false)
    public Long createdBy;
}
